using SymposiumBooking.Web.Composition;

if (AppCommands.Handles(args))
{
    return await AppCommands.RunAsync(args); // keys check | keys rewrap | health: no web host
}

var builder = WebApplication.CreateBuilder(args);
builder.AddBookingServices();

var app = builder.Build();
if (!SettingsCheck.Passes(app))
{
    return 2; // one line per problem is on standard error (docs/operations.md, "Settings")
}

app.UseBookingPipeline();
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;
