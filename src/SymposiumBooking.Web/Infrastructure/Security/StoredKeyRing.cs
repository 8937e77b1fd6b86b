using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Npgsql;

namespace SymposiumBooking.Web.Infrastructure.Security;

/// <summary>What a pass over the stored key ring found.</summary>
/// <param name="Keys">Keys in the ring (revocations are not keys).</param>
/// <param name="Unwrapped">Keys stored in plaintext, from before the ring was wrapped (docs/adr/0008): readable by anyone.</param>
/// <param name="Rewrapped">Keys a rewrap wrapped anew (0 for a check).</param>
/// <param name="Unreadable">The first key the key-encryption key could not open; nothing was changed when it is set.</param>
internal sealed record KeyRingReport(int Keys, int Unwrapped, int Rewrapped, UnreadableKey? Unreadable);

/// <summary>A key of the ring that a key-encryption key cannot open, and why.</summary>
internal sealed record UnreadableKey(string Id, string Reason)
{
    public string Message(string setting) =>
        $"the key-encryption key in {setting} cannot read key {Id}: wrong key, or the key ring was written with another one ({Reason})";
}

/// <summary>
/// The Data Protection key ring as PostgreSQL stores it (<c>data_protection_keys</c>, one XML element per row), read and
/// rewritten outside Data Protection: the key check after a restore and the rotation of the key-encryption key
/// (docs/adr/0105, 0106). Every wrapped secret goes through the app's own <see cref="AesGcmXmlDecryptor"/> and
/// <see cref="AesGcmXmlEncryptor"/>, so "readable here" means "readable by the app".
/// </summary>
internal static class StoredKeyRing
{
    private const string SelectRows = "SELECT id, xml FROM data_protection_keys ORDER BY id";

    /// <summary>Opens every key of the ring with <paramref name="kek"/>; changes nothing.</summary>
    public static async Task<KeyRingReport> CheckAsync(string connectionString, KeyEncryptionKey kek, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var rows = await ReadAsync(connection, null, SelectRows, ct);
        return Walk(rows, kek, rewrapTo: null);
    }

    /// <summary>
    /// Wraps every key of the ring, now wrapped with <paramref name="current"/>, with <paramref name="next"/> instead, in one
    /// transaction: either every key is rewritten and reads with <paramref name="next"/>, or nothing changes. Keys already
    /// wrapped with <paramref name="next"/> (a rewrap run twice, or interrupted before the settings were swapped) are
    /// checked and left as they are.
    /// </summary>
    public static async Task<KeyRingReport> RewrapAsync(
        string connectionString, KeyEncryptionKey current, KeyEncryptionKey next, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var rows = await ReadAsync(connection, transaction, SelectRows + " FOR UPDATE", ct);

        var report = Walk(rows, current, rewrapTo: next);
        if (report.Unreadable is not null)
        {
            return report; // rolled back: nothing was written
        }

        // What is about to be committed must read with the new key, or nothing is committed.
        var check = Walk(rows, next, rewrapTo: null);
        if (check.Unreadable is not null)
        {
            throw new CryptographicException("A rewrapped key does not read with the new key-encryption key: " + check.Unreadable.Reason);
        }

        foreach (var row in rows.Where(r => r.Changed))
        {
            await using var update = new NpgsqlCommand("UPDATE data_protection_keys SET xml = $1 WHERE id = $2", connection, transaction);
            update.Parameters.AddWithValue(row.Element!.ToString(SaveOptions.DisableFormatting));
            update.Parameters.AddWithValue(row.Id);
            await update.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return report;
    }

    /// <summary>
    /// Opens each wrapped secret with <paramref name="kek"/>; with <paramref name="rewrapTo"/>, replaces it (in the row's
    /// element, in memory) by the same secret wrapped with that key. A secret already wrapped with
    /// <paramref name="rewrapTo"/> is opened with it instead and kept.
    /// </summary>
    private static KeyRingReport Walk(List<StoredRow> rows, KeyEncryptionKey kek, KeyEncryptionKey? rewrapTo)
    {
        var decryptor = new AesGcmXmlDecryptor(kek);
        var (keys, unwrapped, rewrapped) = (0, 0, 0);
        foreach (var row in rows.Where(r => r.Element?.Name == "key"))
        {
            keys++;
            var id = (string?)row.Element!.Attribute("id") ?? $"(row {row.Id})";
            var secrets = row.Element.Descendants(AesGcmXmlEncryptor.Element).ToList();
            if (secrets.Count == 0)
            {
                unwrapped++;
                continue;
            }

            var changed = false;
            foreach (var secret in secrets)
            {
                var wrappedWith = (string?)secret.Attribute("kekId");
                var opener = rewrapTo is not null && wrappedWith == rewrapTo.Id ? rewrapTo : kek;
                if (wrappedWith != opener.Id)
                {
                    return new KeyRingReport(keys, unwrapped, 0, new UnreadableKey(
                        id, $"the key is wrapped with key-encryption key {wrappedWith}; the one configured is {kek.Id}"));
                }

                XElement plaintext;
                try
                {
                    plaintext = (opener == kek ? decryptor : new AesGcmXmlDecryptor(opener)).Decrypt(secret);
                }
                catch (Exception e) when (e is CryptographicException or FormatException or XmlException)
                {
                    return new KeyRingReport(keys, unwrapped, 0, new UnreadableKey(id, e.Message));
                }

                if (rewrapTo is not null && opener == kek)
                {
                    secret.ReplaceWith(new AesGcmXmlEncryptor(rewrapTo).Encrypt(plaintext).EncryptedElement);
                    changed = true;
                }
            }

            if (changed)
            {
                row.Changed = true;
                rewrapped++;
            }
        }

        return new KeyRingReport(keys, unwrapped, rewrapped, null);
    }

    private static async Task<List<StoredRow>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<StoredRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new StoredRow(reader.GetInt32(0), reader.IsDBNull(1) ? null : XElement.Parse(reader.GetString(1))));
        }

        return rows;
    }

    private sealed class StoredRow(int id, XElement? element)
    {
        public int Id { get; } = id;

        public XElement? Element { get; } = element;

        public bool Changed { get; set; }
    }
}
