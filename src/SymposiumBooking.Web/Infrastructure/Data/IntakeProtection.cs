using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SymposiumBooking.Web.Infrastructure.Data;

/// <summary>
/// Gives <see cref="BookingDb"/> the Data Protection provider that encrypts health intakes (docs/adr/0008).
/// <para>
/// EF Core builds the model once and caches it per context type for the whole process. The intake's value converter
/// holds a protector, so one cached model would serve every app in the process with the first app's key ring (tests
/// start many apps, each with its own ring). The provider therefore travels in the context's options, and the model
/// cache key includes it: one model per provider. Options rather than a constructor parameter keep
/// <c>AddDbContextPool</c> possible (a pooled context may only take its options).
/// </para>
/// </summary>
public static class IntakeProtection
{
    public const string Purpose = "SymposiumBooking.Intake.v1";

    public static DbContextOptionsBuilder UseIntakeProtection(this DbContextOptionsBuilder options, IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(provider);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new Extension(provider));
        return options.ReplaceService<IModelCacheKeyFactory, ModelCacheKeyFactory>();
    }

    public static DbContextOptionsBuilder<TContext> UseIntakeProtection<TContext>(
        this DbContextOptionsBuilder<TContext> options, IDataProtectionProvider provider)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)((DbContextOptionsBuilder)options).UseIntakeProtection(provider);

    internal static IDataProtectionProvider ProviderOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<Extension>()?.Provider
        ?? throw new InvalidOperationException(
            $"{context.GetType().Name} was configured without {nameof(UseIntakeProtection)}(...): it needs a Data Protection provider to read and write health intakes.");

    /// <summary>The protector <paramref name="context"/>'s model encrypts intakes with, for a statement written by hand.</summary>
    internal static IDataProtector ProtectorFor(DbContext context) => ProviderOf(context).CreateProtector(Purpose);

    internal static ValueConverter<string, string> Converter(IDataProtectionProvider provider)
    {
        var protector = provider.CreateProtector(Purpose);
        return new ValueConverter<string, string>(plain => protector.Protect(plain), stored => protector.Unprotect(stored));
    }

    private sealed class ModelCacheKeyFactory : IModelCacheKeyFactory
    {
        // Reference equality on the provider: one model per app, not per context instance.
        public object Create(DbContext context, bool designTime) => (context.GetType(), ProviderOf(context), designTime);
    }

    private sealed class Extension(IDataProtectionProvider provider) : IDbContextOptionsExtension
    {
        private ExtensionInfo? _info;

        public IDataProtectionProvider Provider { get; } = provider;

        public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

        public void ApplyServices(IServiceCollection services)
        {
        }

        public void Validate(IDbContextOptions options)
        {
        }

        private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;

            public override string LogFragment => "IntakeProtection ";

            // The provider only shapes the model (keyed above), not EF's internal services: every app shares them.
            public override int GetServiceProviderHashCode() => 0;

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            {
            }
        }
    }
}
