using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace SymposiumBooking.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlotHeldUntil : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "slots")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.AddColumn<Instant>(
                name: "held_until",
                table: "slots",
                type: "timestamp with time zone",
                nullable: true);

            // slots.held_until follows the bookings that hold the slot (SlotConfiguration.HeldUntil, docs/adr/0032).
            // A new booking can only hold a slot nobody holds (ux_bookings_one_active_per_slot), so an insert sets the
            // column from its own row. Any other change locks the slot's row first and then reads the bookings, so
            // that it sees every change committed before it (each statement of a READ COMMITTED function takes a fresh
            // snapshot): two changes to one slot's bookings cannot leave an old answer behind. The last statement fills the
            // column with PERFORM in a block of its own: the idempotent script (infra/publish.sh, docs/adr/0090) runs
            // this SQL inside a DO block, where a bare SELECT is an error.
            migrationBuilder.Sql("""
                CREATE FUNCTION slots_refresh_held_until(slot uuid) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM 1 FROM slots WHERE id = slot FOR NO KEY UPDATE;
                    UPDATE slots SET held_until = (
                        SELECT max(CASE WHEN b.status = 'AwaitingPayment' THEN b.hold_expires_at ELSE 'infinity' END)
                        FROM bookings b
                        WHERE b.slot_id = slot AND b.status IN ('AwaitingPayment', 'Confirmed', 'Completed', 'NoShow'))
                    WHERE id = slot;
                END $$;

                CREATE FUNCTION bookings_hold_slot() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE slots
                    SET held_until = CASE WHEN NEW.status = 'AwaitingPayment' THEN NEW.hold_expires_at ELSE 'infinity' END
                    WHERE id = NEW.slot_id;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION bookings_refresh_slot_hold() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM slots_refresh_held_until(OLD.slot_id);
                    IF TG_OP = 'UPDATE' AND NEW.slot_id IS DISTINCT FROM OLD.slot_id THEN
                        PERFORM slots_refresh_held_until(NEW.slot_id);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER bookings_hold_slot AFTER INSERT ON bookings FOR EACH ROW
                    WHEN (NEW.status IN ('AwaitingPayment', 'Confirmed', 'Completed', 'NoShow'))
                    EXECUTE FUNCTION bookings_hold_slot();

                CREATE TRIGGER bookings_refresh_slot_hold_on_update AFTER UPDATE OF status, hold_expires_at, slot_id ON bookings
                    FOR EACH ROW
                    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.hold_expires_at IS DISTINCT FROM NEW.hold_expires_at
                          OR OLD.slot_id IS DISTINCT FROM NEW.slot_id)
                    EXECUTE FUNCTION bookings_refresh_slot_hold();

                CREATE TRIGGER bookings_refresh_slot_hold_on_delete AFTER DELETE ON bookings FOR EACH ROW
                    EXECUTE FUNCTION bookings_refresh_slot_hold();

                DO $refresh$ BEGIN
                    PERFORM slots_refresh_held_until(b.slot_id) FROM (SELECT DISTINCT slot_id FROM bookings) b;
                END $refresh$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER bookings_hold_slot ON bookings;
                DROP TRIGGER bookings_refresh_slot_hold_on_update ON bookings;
                DROP TRIGGER bookings_refresh_slot_hold_on_delete ON bookings;
                DROP FUNCTION bookings_hold_slot();
                DROP FUNCTION bookings_refresh_slot_hold();
                DROP FUNCTION slots_refresh_held_until(uuid);
                """);

            migrationBuilder.DropColumn(
                name: "held_until",
                table: "slots");

            migrationBuilder.AlterTable(
                name: "slots")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);
        }
    }
}
