using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PaymentsFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reconciliation_runs",
                columns: table => new
                {
                    edition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    checked_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    sessions_checked = table.Column<int>(type: "integer", nullable: false),
                    refunds_checked = table.Column<int>(type: "integer", nullable: false),
                    mismatches = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_runs", x => x.edition_id);
                    table.ForeignKey(
                        name: "fk_reconciliation_runs_symposium_editions_edition_id",
                        column: x => x.edition_id,
                        principalTable: "symposium_editions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reconciliation_runs");
        }
    }
}
