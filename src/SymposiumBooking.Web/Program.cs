using SymposiumBooking.Web.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddBookingServices();

var app = builder.Build();
app.UseBookingPipeline();
await app.PrepareDatabaseAsync();
await app.RunAsync();
