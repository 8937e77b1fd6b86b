using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class WaitlistMailConfirmsTogether : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries",
                column: "confirm_token_hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries",
                column: "confirm_token_hash",
                unique: true);
        }
    }
}
