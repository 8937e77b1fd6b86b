using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scheduled_rounds",
                columns: table => new
                {
                    job = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    started_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_rounds", x => x.job);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduled_rounds");
        }
    }
}
