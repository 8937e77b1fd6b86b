using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "feed_token_hash",
                table: "symposium_editions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "attendee_feeds",
                columns: table => new
                {
                    normalized_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    rotated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendee_feeds", x => x.normalized_email);
                });

            migrationBuilder.CreateIndex(
                name: "ix_symposium_editions_feed_token_hash",
                table: "symposium_editions",
                column: "feed_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attendee_feeds_token_hash",
                table: "attendee_feeds",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attendee_feeds");

            migrationBuilder.DropIndex(
                name: "ix_symposium_editions_feed_token_hash",
                table: "symposium_editions");

            migrationBuilder.DropColumn(
                name: "feed_token_hash",
                table: "symposium_editions");
        }
    }
}
