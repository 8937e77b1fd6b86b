using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Waitlist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ux_waitlist_entries_one_waiting_per_request",
                table: "waitlist_entries",
                columns: new[] { "edition_id", "normalized_email", "date", "therapist_id" },
                unique: true,
                filter: "status = 'Waiting'")
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_waitlist_entries_one_waiting_per_request",
                table: "waitlist_entries");
        }
    }
}
