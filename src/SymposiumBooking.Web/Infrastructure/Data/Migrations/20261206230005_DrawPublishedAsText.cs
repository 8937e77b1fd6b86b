using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The draw writes less (docs/adr/0176): its published record as plain text, and the waitlist's and requests' indexes
    /// on columns most rows leave empty only where they are set.
    /// </summary>
    public partial class DrawPublishedAsText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_claim_token_hash",
                table: "waitlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_offered_slot_id",
                table: "waitlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_therapist_id",
                table: "waitlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_draw_requests_booking_id",
                table: "draw_requests");

            // Written once and read whole, never queried inside: text, out of line and uncompressed (docs/adr/0176).
            migrationBuilder.Sql("ALTER TABLE symposium_draws ALTER COLUMN published TYPE text USING published::text;");
            migrationBuilder.Sql("ALTER TABLE symposium_draws ALTER COLUMN published SET STORAGE EXTERNAL;");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_claim_token_hash",
                table: "waitlist_entries",
                column: "claim_token_hash",
                unique: true,
                filter: "claim_token_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries",
                column: "confirm_token_hash",
                filter: "confirm_token_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_offered_slot_id",
                table: "waitlist_entries",
                column: "offered_slot_id",
                filter: "offered_slot_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_therapist_id",
                table: "waitlist_entries",
                column: "therapist_id",
                filter: "therapist_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_draw_requests_booking_id",
                table: "draw_requests",
                column: "booking_id",
                filter: "booking_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_claim_token_hash",
                table: "waitlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_offered_slot_id",
                table: "waitlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_therapist_id",
                table: "waitlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_draw_requests_booking_id",
                table: "draw_requests");

            migrationBuilder.Sql("ALTER TABLE symposium_draws ALTER COLUMN published SET STORAGE EXTENDED;");
            migrationBuilder.Sql("ALTER TABLE symposium_draws ALTER COLUMN published TYPE jsonb USING published::jsonb;");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_claim_token_hash",
                table: "waitlist_entries",
                column: "claim_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries",
                column: "confirm_token_hash");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_offered_slot_id",
                table: "waitlist_entries",
                column: "offered_slot_id");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_therapist_id",
                table: "waitlist_entries",
                column: "therapist_id");

            migrationBuilder.CreateIndex(
                name: "ix_draw_requests_booking_id",
                table: "draw_requests",
                column: "booking_id");
        }
    }
}
