using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class TableLedgerAndCheckIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "booked_by",
                table: "bookings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "checked_in_at",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "table_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    symposium_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    replaces = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_table_payments", x => x.id);
                    table.CheckConstraint("ck_table_payments_amount", "amount_cents >= 0");
                    table.ForeignKey(
                        name: "fk_table_payments_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_table_payments_symposia_symposium_id",
                        column: x => x.symposium_id,
                        principalTable: "symposia",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_table_payments_table_payments_replaces",
                        column: x => x.replaces,
                        principalTable: "table_payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_table_payments_booking_id",
                table: "table_payments",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_table_payments_symposium_id",
                table: "table_payments",
                column: "symposium_id");

            migrationBuilder.CreateIndex(
                name: "ux_table_payments_first_per_booking",
                table: "table_payments",
                column: "booking_id",
                unique: true,
                filter: "replaces IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_table_payments_replaces",
                table: "table_payments",
                column: "replaces",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "table_payments");

            migrationBuilder.DropColumn(
                name: "booked_by",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "checked_in_at",
                table: "bookings");
        }
    }
}
