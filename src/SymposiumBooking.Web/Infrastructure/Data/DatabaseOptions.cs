namespace SymposiumBooking.Web.Infrastructure.Data;

public sealed class DatabaseOptions
{
    /// <summary>Apply pending EF migrations when the app starts (the run command sets it; tests use a migrated template).</summary>
    public bool MigrateOnStartup { get; set; }
}
