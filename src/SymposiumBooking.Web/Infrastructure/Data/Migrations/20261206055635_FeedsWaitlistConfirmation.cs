using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeedsWaitlistConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "confirm_token_hash",
                table: "waitlist_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "confirmed_at",
                table: "waitlist_entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries",
                column: "confirm_token_hash",
                unique: true);

            // Entries from before confirmation by mail count as confirmed (docs/adr/0044).
            migrationBuilder.Sql("UPDATE waitlist_entries SET confirmed_at = created_at WHERE confirmed_at IS NULL;");

            // Bookings count by the canonical address (docs/adr/0043, Email.Canonical): lower-case, no +tag, and for
            // gmail.com / googlemail.com no dots and the domain gmail.com. Same rule as the C#, written in SQL once.
            migrationBuilder.Sql("""
                WITH parts AS (
                    SELECT id, lower(btrim(attendee_email)) AS e,
                           substring(lower(btrim(attendee_email)) from '^(.+)@[^@]+$') AS local,
                           substring(lower(btrim(attendee_email)) from '^.+@([^@]+)$') AS domain
                    FROM bookings),
                untagged AS (
                    SELECT id, e, domain,
                           CASE WHEN strpos(local, '+') > 1 THEN left(local, strpos(local, '+') - 1) ELSE local END AS local
                    FROM parts)
                UPDATE bookings b SET normalized_email = CASE
                        WHEN u.local IS NULL OR u.domain IS NULL THEN u.e
                        WHEN u.domain IN ('gmail.com', 'googlemail.com')
                            THEN coalesce(nullif(replace(u.local, '.', ''), ''), u.local) || '@gmail.com'
                        ELSE u.local || '@' || u.domain END
                FROM untagged u
                WHERE u.id = b.id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_waitlist_entries_confirm_token_hash",
                table: "waitlist_entries");

            migrationBuilder.DropColumn(
                name: "confirm_token_hash",
                table: "waitlist_entries");

            migrationBuilder.DropColumn(
                name: "confirmed_at",
                table: "waitlist_entries");
        }
    }
}
