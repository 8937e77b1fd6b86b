using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class FairOpening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "max_choices",
                table: "symposia",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "requests_close_at",
                table: "symposia",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "requests_open_at",
                table: "symposia",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "draw_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    symposium_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    normalized_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    rate = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    payment = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    choices = table.Column<string>(type: "jsonb", nullable: false),
                    intake = table.Column<string>(type: "text", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    submitted_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: true),
                    choice_rank = table.Column<int>(type: "integer", nullable: true),
                    protected_token = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_draw_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_draw_requests_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_draw_requests_symposia_symposium_id",
                        column: x => x.symposium_id,
                        principalTable: "symposia",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "symposium_draws",
                columns: table => new
                {
                    symposium_id = table.Column<Guid>(type: "uuid", nullable: false),
                    protected_seed = table.Column<string>(type: "text", nullable: false),
                    commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    committed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    drawn_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    seed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    request_count = table.Column<int>(type: "integer", nullable: true),
                    allocated_count = table.Column<int>(type: "integer", nullable: true),
                    published = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_symposium_draws", x => x.symposium_id);
                    table.ForeignKey(
                        name: "fk_symposium_draws_symposia_symposium_id",
                        column: x => x.symposium_id,
                        principalTable: "symposia",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_draw_requests_booking_id",
                table: "draw_requests",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_draw_requests_symposium_id_status",
                table: "draw_requests",
                columns: new[] { "symposium_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_draw_requests_token_hash",
                table: "draw_requests",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_draw_requests_one_per_person",
                table: "draw_requests",
                columns: new[] { "symposium_id", "normalized_email" },
                unique: true,
                filter: "status <> 'Withdrawn'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "draw_requests");

            migrationBuilder.DropTable(
                name: "symposium_draws");

            migrationBuilder.DropColumn(
                name: "max_choices",
                table: "symposia");

            migrationBuilder.DropColumn(
                name: "requests_close_at",
                table: "symposia");

            migrationBuilder.DropColumn(
                name: "requests_open_at",
                table: "symposia");
        }
    }
}
