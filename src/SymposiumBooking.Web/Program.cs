using SymposiumBooking.Web.Infrastructure;
using SymposiumBooking.Web.Infrastructure.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddBookingServices();

var app = builder.Build();
app.UseBookingPipeline();
await app.PrepareDatabaseAsync();
await app.RunAsync();
