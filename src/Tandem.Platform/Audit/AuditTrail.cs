using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Identity;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.Audit;

/// <summary>
/// Appends audit rows in the transaction of the change they describe: as a save participant for every
/// business record, and directly for platform records (users, memberships) through <see cref="RecordAsync"/>.
/// </summary>
public sealed class AuditTrail(PlatformDb db, DbSession session, ICurrentUser user, TimeProvider clock) : ISaveChangesParticipant
{
    public const string SystemUser = "system";

    private readonly Dictionary<(string Type, Guid Id), AuditEntry> _unsaved = [];

    public async Task OnSavedAsync(DbContext context, IReadOnlyList<EntityChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
            return;
        foreach (var change in changes)
            await AppendAsync(change.EntityType, change.EntityId, change.CompanyId, change.Action.ToString(), change.Fields, change.Action == ChangeAction.Insert, ct);
        await db.SaveChangesAsync(ct);
        _unsaved.Clear();
    }

    /// <summary>Adds a row for a platform record's change; it is written with the caller's next save of <see cref="PlatformDb"/>.</summary>
    public Task RecordAsync(string entityType, Guid entityId, Guid companyId, ChangeAction action,
        IReadOnlyDictionary<string, FieldChange> fields, CancellationToken ct) =>
        AppendAsync(entityType, entityId, companyId, action.ToString(), fields, newRecord: false, ct);

    private async Task AppendAsync(string entityType, Guid entityId, Guid companyId, string action,
        IReadOnlyDictionary<string, FieldChange> fields, bool newRecord, CancellationToken ct)
    {
        var previous = await PreviousAsync(entityType, entityId, newRecord, ct);

        var entry = new AuditEntry
        {
            EntityType = entityType,
            EntityId = entityId,
            CompanyId = companyId,
            Sequence = (previous?.Sequence ?? 0) + 1,
            Action = action,
            UserId = user.UserId,
            UserName = user.UserId is null ? SystemUser : user.DisplayName,
            OccurredAt = AuditHashing.Truncate(clock.GetUtcNow()),
            Changes = AuditHashing.SerializeChanges(fields),
            PreviousHash = previous?.Hash ?? "",
        };
        entry.Hash = AuditHashing.HashOf(entry);
        db.AuditLog.Add(entry);
        _unsaved[(entityType, entityId)] = entry;
    }

    private async Task<ChainTip?> PreviousAsync(string entityType, Guid entityId, bool newRecord, CancellationToken ct)
    {
        // A row added earlier in this save and not yet written continues the chain (a rolled-back save detaches it).
        if (_unsaved.TryGetValue((entityType, entityId), out var unsaved) && db.Entry(unsaved).State == EntityState.Added)
            return new ChainTip(unsaved.Sequence, unsaved.Hash);
        // A business record just inserted has no chain yet, which saves bulk inserts a lookup per row.
        return newRecord ? null : await LatestAsync(entityType, entityId, ct);
    }

    private async Task<ChainTip?> LatestAsync(string entityType, Guid entityId, CancellationToken ct)
    {
        // The platform context must read inside the business change's transaction (SQLite refuses otherwise).
        session.Enlist(db);
        return await db.AuditLog.AsNoTracking()
            .Where(e => e.EntityType == entityType && e.EntityId == entityId)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new ChainTip(e.Sequence, e.Hash))
            .FirstOrDefaultAsync(ct);
    }

    private sealed record ChainTip(long Sequence, string Hash);
}

/// <summary>The canonical form of a row and its hash; the writer and <see cref="AuditVerifier"/> share it.</summary>
public static class AuditHashing
{
    /// <summary>PostgreSQL keeps microseconds; milliseconds survive every provider's round trip unchanged.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static string HashOf(AuditEntry entry)
    {
        var content = string.Join('\n',
            entry.PreviousHash,
            entry.Id.ToString("D"),
            entry.EntityType,
            entry.EntityId.ToString("D"),
            entry.CompanyId.ToString("D"),
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.Action,
            entry.UserId?.ToString("D") ?? "",
            entry.UserName,
            Truncate(entry.OccurredAt).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            entry.Changes);
        // The UTF-8 bytes go to a pooled buffer and the digest to the stack: only the content and the hex are new strings.
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(content.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(content, bytes);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, length), digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Fields in ordinal order, camelCase names, values in one invariant form whatever the culture.</summary>
    public static string SerializeChanges(IReadOnlyDictionary<string, FieldChange> fields)
    {
        // Every audited save runs this: sort an array in place and write to a pooled buffer, no LINQ or stream copies.
        var ordered = new KeyValuePair<string, FieldChange>[fields.Count];
        var i = 0;
        foreach (var (name, change) in fields)
            ordered[i++] = new KeyValuePair<string, FieldChange>(CamelCase(name), change);
        Array.Sort(ordered, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, change) in ordered)
            {
                writer.WriteStartObject(name);
                WriteValue(writer, "before", change.Before);
                WriteValue(writer, "after", change.After);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        writer.WritePropertyName(name);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int or long or short or byte:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case decimal d:
                // A string keeps the exact digits and scale (12.50 stays 12.50).
                writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset instant:
                writer.WriteStringValue(instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case Guid id:
                writer.WriteStringValue(id.ToString("D"));
                break;
            case IEnumerable<string> list:
                writer.WriteStartArray();
                foreach (var item in list)
                    writer.WriteStringValue(item);
                writer.WriteEndArray();
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                // Enums, Money, CurrencyCode and other value types print themselves invariantly.
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static string CamelCase(string name)
    {
        // Most names are one word that starts with a capital: one new string, not a split, a projection and a join.
        if (!name.Contains('.', StringComparison.Ordinal))
            return name.Length == 0 || char.ToLowerInvariant(name[0]) == name[0] ? name : string.Create(name.Length, name, static (span, n) =>
            {
                n.AsSpan().CopyTo(span);
                span[0] = char.ToLowerInvariant(n[0]);
            });
        return string.Join('.', name.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
    }
}
