using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Web.Features.Bookings;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Security;
using SymposiumBooking.Web.Tests.Harness;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>
/// A database that lived through every release: created at the first migration, filled with rows written for that schema
/// (intakes encrypted by the app's own Data Protection setup, its key ring stored in that database), then migrated to
/// the head. Everything written then still reads through the API, for the organizer and for the therapist.
/// </summary>
public sealed class UpgradeTests
{
    private const string TherapistEmail = "early.therapist@test.symposium";
    private const string TherapistPassword = "Therapist-Password-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bookings_and_intakes_written_at_the_first_migration_read_after_migrating_to_the_head()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync();
        try
        {
            await using (var db = TestPostgres.OpenDb(database, pooling: false))
            {
                await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First(), cancellationToken: Ct);
                Assert.Single(await db.Database.GetAppliedMigrationsAsync(Ct));
            }

            var written = await WriteFirstSchemaRowsAsync(database);

            await using (var db = TestPostgres.OpenDb(database, pooling: false))
            {
                await db.Database.MigrateAsync(Ct);
                Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            }

            await using var app = new SameDatabaseApp(database, BookingApp.TestKeyEncryptionKey);
            await app.InitializeAsync();

            var organizer = await app.SignedInClientAsync();
            var rows = await organizer.GetFromJsonAsync<List<JsonElement>>($"/api/v1/symposia/{written.SymposiumId}/bookings", Ct);
            Assert.Equal(
                written.Intakes.Keys.Order(),
                rows!.Select(r => r.GetProperty("id").GetGuid()).Order());
            foreach (var (booking, intake) in written.Intakes)
            {
                var view = await organizer.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booking}/intake", Ct);
                Assert.Equal(IntakeJson.Write(intake), IntakeJson.Write(IntakeJson.Read(view.GetProperty("intake").GetRawText())));
            }

            var therapist = await app.SignedInClientAsync(TherapistEmail, TherapistPassword);
            foreach (var (booking, intake) in written.Intakes)
            {
                var session = await therapist.GetAsync(new Uri($"/api/v1/me/sessions/{booking}", UriKind.Relative), Ct);
                Assert.Equal(HttpStatusCode.OK, session.StatusCode);
                var detail = await session.Content.ReadFromJsonAsync<JsonElement>(Ct);
                Assert.Equal(IntakeJson.Write(intake), IntakeJson.Write(IntakeJson.Read(detail.GetProperty("intake").GetRawText())));
            }

            // The later migrations' data steps ran on these rows: only the slot nobody booked is free; the addresses are canonical.
            var slots = await organizer.GetFromJsonAsync<List<JsonElement>>($"/api/v1/symposia/{written.SymposiumId}/slots?available=true", Ct);
            Assert.Equal(
                written.FreeSlots.Order(),
                slots!.Select(s => s.GetProperty("id").GetGuid()).Order());
            await using var rowsNow = app.OpenDb();
            Assert.Contains(await rowsNow.Bookings.Select(b => b.NormalizedEmail).ToListAsync(Ct), e => e == "janedoe@gmail.com");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private sealed record FirstSchemaRows(Guid SymposiumId, IReadOnlyDictionary<Guid, Intake> Intakes, IReadOnlySet<Guid> FreeSlots);

    /// <summary>
    /// A published symposium with a therapist (who has a sign-in), a shift, two booked slots and one free, and two bookings
    /// with their intakes: rows as the first schema has them, written by hand.
    /// </summary>
    private static async Task<FirstSchemaRows> WriteFirstSchemaRowsAsync(string database)
    {
        var intakes = new[]
        {
            new Intake(HeadTurn.Left, HeadTilt.None, [PainArea.NeckLeft, PainArea.UpperBack], new LocalDate(2027, 3, 1), DbsImplant.None,
                BloodThinners: false, RecentNeckSurgery: false, [ComfortablePosition.Seated], "Prefers light pressure", Consent: true),
            new Intake(HeadTurn.Varies, HeadTilt.Back, [PainArea.Jaw], null, DbsImplant.Both,
                BloodThinners: true, RecentNeckSurgery: false, [ComfortablePosition.SideLying, ComfortablePosition.OnBack], null, Consent: true),
        };
        await using var protection = AppDataProtection(database);
        var protector = protection.GetRequiredService<IDataProtectionProvider>().CreateProtector(IntakeProtection.Purpose);

        var (symposium, therapist, shift, user, role) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Guid[] slots = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        Guid[] bookings = [Guid.NewGuid(), Guid.NewGuid()];
        var created = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        var hasher = new PasswordHasher<StaffUser>();

        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor(database, pooling: false));
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await ExecuteAsync("""
            INSERT INTO symposium_editions (id, year, city, venue_name, venue_address, time_zone_id, start_date, end_date, currency,
                reduced_rate_cents, standard_rate_cents, status, published_at, booking_opens_at, reduced_rate_limit_per_attendee,
                hold_minutes, cancellation_cutoff_hours, created_at)
            VALUES ($1, 2027, 'Chicago', 'Lakeside Hall', '100 Lake Street, Chicago, IL', 'America/Chicago', DATE '2027-03-12',
                DATE '2027-03-13', 'USD', 2500, 6000, 'Published', $2, $2, 2, 15, 24, $2)
            """, symposium, created);
        await ExecuteAsync(
            "INSERT INTO staff_roles (id, name, normalized_name, concurrency_stamp) VALUES ($1, $2, upper($2), $3)",
            role, Roles.Therapist, Guid.NewGuid().ToString());
        await ExecuteAsync("""
            INSERT INTO staff_users (id, display_name, user_name, normalized_user_name, email, normalized_email, email_confirmed,
                password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled,
                access_failed_count)
            VALUES ($1, 'Early Therapist', $2, upper($2), $2, upper($2), true, $3, $4, $5, false, false, true, 0)
            """, user, TherapistEmail, hasher.HashPassword(new StaffUser(), TherapistPassword), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString());
        await ExecuteAsync("INSERT INTO staff_user_roles (user_id, role_id) VALUES ($1, $2)", user, role);
        await ExecuteAsync("""
            INSERT INTO therapists (id, edition_id, name, email, normalized_email, user_id, created_at)
            VALUES ($1, $2, 'Early Therapist', $3, lower($3), $4, $5)
            """, therapist, symposium, TherapistEmail, user, created);
        await ExecuteAsync("""
            INSERT INTO shifts (id, edition_id, therapist_id, date, start_time, end_time, session_minutes, buffer_minutes, breaks, location)
            VALUES ($1, $2, $3, DATE '2027-03-12', TIME '09:00', TIME '12:00', 45, 15, '[]', 'Room A')
            """, shift, symposium, therapist);
        for (var i = 0; i < slots.Length; i++)
        {
            var starts = new DateTime(2027, 3, 12, 15, 0, 0, DateTimeKind.Utc).AddHours(i); // 09:00 in Chicago, hourly
            await ExecuteAsync("""
                INSERT INTO slots (id, edition_id, shift_id, therapist_id, starts_at, ends_at, location)
                VALUES ($1, $2, $3, $4, $5, $6, 'Room A')
                """, slots[i], symposium, shift, therapist, starts, starts.AddMinutes(45));
        }

        (string Name, string Email, string Rate, long Price)[] attendees =
        [
            ("Jane Doe", "Jane.Doe+massage@Gmail.com", "Reduced", 2500),
            ("Sam Lee", "sam.lee@example.org", "Standard", 6000),
        ];
        for (var i = 0; i < bookings.Length; i++)
        {
            await ExecuteAsync("""
                INSERT INTO bookings (id, edition_id, slot_id, status, attendee_name, attendee_email, normalized_email, rate, payment,
                    price_cents, currency, token_hash, sequence, created_at, updated_at)
                VALUES ($1, $2, $3, 'Confirmed', $4, $5, lower($5), $6, 'AtTable', $7, 'USD', $8, 1, $9, $9)
                """, bookings[i], symposium, slots[i], attendees[i].Name, attendees[i].Email, attendees[i].Rate, attendees[i].Price,
                SecretToken.Create().Hash, created);
            await ExecuteAsync("INSERT INTO booking_intakes (booking_id, data) VALUES ($1, $2)",
                bookings[i], protector.Protect(IntakeJson.Write(intakes[i])));
        }

        await transaction.CommitAsync(Ct);
        return new FirstSchemaRows(
            symposium,
            bookings.Zip(intakes).ToDictionary(p => p.First, p => p.Second),
            slots.Skip(bookings.Length).ToHashSet());

        async Task ExecuteAsync(string sql, params object[] values)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            foreach (var value in values)
            {
                command.Parameters.AddWithValue(value);
            }

            await command.ExecuteNonQueryAsync(Ct);
        }
    }

    /// <summary>
    /// The app's own Data Protection setup (<see cref="DataProtectionSetup.AddWrappedDataProtection"/>) with the tests'
    /// key-encryption key, keeping its key ring in <paramref name="database"/> as the app does.
    /// </summary>
    private static ServiceProvider AppDataProtection(string database)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [KeyEncryptionKey.Setting] = BookingApp.TestKeyEncryptionKey })
                .Build());
        services.AddDbContext<BookingDb>((sp, o) => o
            .UseNpgsql(TestPostgres.ConnectionStringFor(database, pooling: false), npgsql => npgsql.UseNodaTime())
            .UseSnakeCaseNamingConvention()
            .UseIntakeProtection(sp.GetRequiredService<IDataProtectionProvider>()));
        services.AddWrappedDataProtection();
        return services.BuildServiceProvider();
    }
}
