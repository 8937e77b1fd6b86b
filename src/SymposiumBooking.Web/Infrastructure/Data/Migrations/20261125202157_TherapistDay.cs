using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class TherapistDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "intake_reads",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    surface = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    read_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    remote_ip = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intake_reads", x => x.id);
                    table.CheckConstraint("ck_intake_reads_role", "role IN ('organizer', 'therapist')");
                    table.ForeignKey(
                        name: "fk_intake_reads_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_intake_reads_booking_id_read_at",
                table: "intake_reads",
                columns: new[] { "booking_id", "read_at" });

            migrationBuilder.CreateIndex(
                name: "ix_intake_reads_staff_user_id_read_at",
                table: "intake_reads",
                columns: new[] { "staff_user_id", "read_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intake_reads");
        }
    }
}
