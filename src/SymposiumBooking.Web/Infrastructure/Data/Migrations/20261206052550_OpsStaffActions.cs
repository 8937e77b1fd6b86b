using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpsStaffActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "staff_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    target_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    occurred_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_actions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_staff_actions_occurred_at",
                table: "staff_actions",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_staff_actions_target_ids",
                table: "staff_actions",
                column: "target_ids")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "staff_actions");
        }
    }
}
