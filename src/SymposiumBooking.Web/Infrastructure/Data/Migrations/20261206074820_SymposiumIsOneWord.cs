using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class SymposiumIsOneWord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_bookings_editions_edition_id",
                table: "bookings");

            migrationBuilder.DropForeignKey(
                name: "fk_reconciliation_runs_symposium_editions_edition_id",
                table: "reconciliation_runs");

            migrationBuilder.DropForeignKey(
                name: "fk_shifts_symposium_editions_edition_id",
                table: "shifts");

            migrationBuilder.DropForeignKey(
                name: "fk_slots_symposium_editions_edition_id",
                table: "slots");

            migrationBuilder.DropForeignKey(
                name: "fk_therapists_symposium_editions_edition_id",
                table: "therapists");

            migrationBuilder.DropForeignKey(
                name: "fk_waitlist_entries_symposium_editions_edition_id",
                table: "waitlist_entries");

            migrationBuilder.Sql("""
                ALTER TABLE symposium_editions RENAME TO symposia;
                ALTER TABLE symposia RENAME CONSTRAINT pk_symposium_editions TO pk_symposia;
                ALTER TABLE symposia RENAME CONSTRAINT ck_symposium_editions_dates TO ck_symposia_dates;
                ALTER TABLE symposia RENAME CONSTRAINT ck_symposium_editions_rates TO ck_symposia_rates;
                ALTER INDEX ix_symposium_editions_year RENAME TO ix_symposia_year;
                ALTER INDEX ix_symposium_editions_feed_token_hash RENAME TO ix_symposia_feed_token_hash;
                """);

            migrationBuilder.RenameColumn(
                name: "edition_id",
                table: "waitlist_entries",
                newName: "symposium_id");

            migrationBuilder.RenameIndex(
                name: "ix_waitlist_entries_edition_id_status_created_at",
                table: "waitlist_entries",
                newName: "ix_waitlist_entries_symposium_id_status_created_at");

            migrationBuilder.RenameColumn(
                name: "edition_id",
                table: "therapists",
                newName: "symposium_id");

            migrationBuilder.RenameIndex(
                name: "ix_therapists_edition_id_normalized_email",
                table: "therapists",
                newName: "ix_therapists_symposium_id_normalized_email");

            migrationBuilder.RenameColumn(
                name: "edition_id",
                table: "slots",
                newName: "symposium_id");

            migrationBuilder.RenameIndex(
                name: "ix_slots_edition_id_starts_at",
                table: "slots",
                newName: "ix_slots_symposium_id_starts_at");

            migrationBuilder.RenameColumn(
                name: "edition_id",
                table: "shifts",
                newName: "symposium_id");

            migrationBuilder.RenameIndex(
                name: "ix_shifts_edition_id",
                table: "shifts",
                newName: "ix_shifts_symposium_id");

            migrationBuilder.RenameColumn(
                name: "edition_id",
                table: "reconciliation_runs",
                newName: "symposium_id");

            migrationBuilder.RenameColumn(
                name: "edition_id",
                table: "bookings",
                newName: "symposium_id");

            migrationBuilder.RenameIndex(
                name: "ix_bookings_edition_id_normalized_email",
                table: "bookings",
                newName: "ix_bookings_symposium_id_normalized_email");

            migrationBuilder.AddForeignKey(
                name: "fk_bookings_symposia_symposium_id",
                table: "bookings",
                column: "symposium_id",
                principalTable: "symposia",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_reconciliation_runs_symposia_symposium_id",
                table: "reconciliation_runs",
                column: "symposium_id",
                principalTable: "symposia",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_shifts_symposia_symposium_id",
                table: "shifts",
                column: "symposium_id",
                principalTable: "symposia",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_slots_symposia_symposium_id",
                table: "slots",
                column: "symposium_id",
                principalTable: "symposia",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_therapists_symposia_symposium_id",
                table: "therapists",
                column: "symposium_id",
                principalTable: "symposia",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_waitlist_entries_symposia_symposium_id",
                table: "waitlist_entries",
                column: "symposium_id",
                principalTable: "symposia",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_bookings_symposia_symposium_id",
                table: "bookings");

            migrationBuilder.DropForeignKey(
                name: "fk_reconciliation_runs_symposia_symposium_id",
                table: "reconciliation_runs");

            migrationBuilder.DropForeignKey(
                name: "fk_shifts_symposia_symposium_id",
                table: "shifts");

            migrationBuilder.DropForeignKey(
                name: "fk_slots_symposia_symposium_id",
                table: "slots");

            migrationBuilder.DropForeignKey(
                name: "fk_therapists_symposia_symposium_id",
                table: "therapists");

            migrationBuilder.DropForeignKey(
                name: "fk_waitlist_entries_symposia_symposium_id",
                table: "waitlist_entries");

            migrationBuilder.Sql("""
                ALTER TABLE symposia RENAME TO symposium_editions;
                ALTER TABLE symposium_editions RENAME CONSTRAINT pk_symposia TO pk_symposium_editions;
                ALTER TABLE symposium_editions RENAME CONSTRAINT ck_symposia_dates TO ck_symposium_editions_dates;
                ALTER TABLE symposium_editions RENAME CONSTRAINT ck_symposia_rates TO ck_symposium_editions_rates;
                ALTER INDEX ix_symposia_year RENAME TO ix_symposium_editions_year;
                ALTER INDEX ix_symposia_feed_token_hash RENAME TO ix_symposium_editions_feed_token_hash;
                """);

            migrationBuilder.RenameColumn(
                name: "symposium_id",
                table: "waitlist_entries",
                newName: "edition_id");

            migrationBuilder.RenameIndex(
                name: "ix_waitlist_entries_symposium_id_status_created_at",
                table: "waitlist_entries",
                newName: "ix_waitlist_entries_edition_id_status_created_at");

            migrationBuilder.RenameColumn(
                name: "symposium_id",
                table: "therapists",
                newName: "edition_id");

            migrationBuilder.RenameIndex(
                name: "ix_therapists_symposium_id_normalized_email",
                table: "therapists",
                newName: "ix_therapists_edition_id_normalized_email");

            migrationBuilder.RenameColumn(
                name: "symposium_id",
                table: "slots",
                newName: "edition_id");

            migrationBuilder.RenameIndex(
                name: "ix_slots_symposium_id_starts_at",
                table: "slots",
                newName: "ix_slots_edition_id_starts_at");

            migrationBuilder.RenameColumn(
                name: "symposium_id",
                table: "shifts",
                newName: "edition_id");

            migrationBuilder.RenameIndex(
                name: "ix_shifts_symposium_id",
                table: "shifts",
                newName: "ix_shifts_edition_id");

            migrationBuilder.RenameColumn(
                name: "symposium_id",
                table: "reconciliation_runs",
                newName: "edition_id");

            migrationBuilder.RenameColumn(
                name: "symposium_id",
                table: "bookings",
                newName: "edition_id");

            migrationBuilder.RenameIndex(
                name: "ix_bookings_symposium_id_normalized_email",
                table: "bookings",
                newName: "ix_bookings_edition_id_normalized_email");

            migrationBuilder.AddForeignKey(
                name: "fk_bookings_editions_edition_id",
                table: "bookings",
                column: "edition_id",
                principalTable: "symposium_editions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_reconciliation_runs_symposium_editions_edition_id",
                table: "reconciliation_runs",
                column: "edition_id",
                principalTable: "symposium_editions",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_shifts_symposium_editions_edition_id",
                table: "shifts",
                column: "edition_id",
                principalTable: "symposium_editions",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_slots_symposium_editions_edition_id",
                table: "slots",
                column: "edition_id",
                principalTable: "symposium_editions",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_therapists_symposium_editions_edition_id",
                table: "therapists",
                column: "edition_id",
                principalTable: "symposium_editions",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_waitlist_entries_symposium_editions_edition_id",
                table: "waitlist_entries",
                column: "edition_id",
                principalTable: "symposium_editions",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
