using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Identity;

namespace Tandem.Platform.Audit;

public enum AuditBreakKind
{
    /// <summary>The row's content no longer gives its stored hash: a value was changed.</summary>
    HashMismatch,

    /// <summary>The row's previous hash is not the hash of the row before it.</summary>
    BrokenLink,

    /// <summary>A sequence number is missing or repeated: a row was deleted or inserted.</summary>
    MissingSequence,
}

/// <summary>The first row of one chain that does not verify.</summary>
public sealed record AuditBreak(Guid RowId, Guid CompanyId, string EntityType, Guid EntityId, long Sequence, AuditBreakKind Kind, string Detail);

public sealed record AuditVerification(long Rows, long Chains, IReadOnlyList<AuditBreak> Breaks)
{
    public bool IsIntact => Breaks.Count == 0;
}

/// <summary>
/// Recomputes every record's hash chain in one ordered pass over the audit log and reports, for each
/// chain that fails, its first bad row. Used by <c>tandem audit verify</c>.
/// </summary>
public sealed class AuditVerifier(PlatformDb db)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var breaks = new List<AuditBreak>();
        long rows = 0, chains = 0;
        string? type = null;
        Guid id = default;
        AuditEntry? previous = null;
        var broken = false;

        var log = db.AuditLog.AsNoTracking()
            .OrderBy(e => e.EntityType).ThenBy(e => e.EntityId).ThenBy(e => e.Sequence)
            .AsAsyncEnumerable();
        await foreach (var row in log.WithCancellation(ct))
        {
            rows++;
            if (row.EntityType != type || row.EntityId != id)
            {
                chains++;
                type = row.EntityType;
                id = row.EntityId;
                previous = null;
                broken = false;
            }
            if (broken)
                continue;
            var expectedSequence = (previous?.Sequence ?? 0) + 1;
            var expectedLink = previous?.Hash ?? "";
            AuditBreak? found = null;
            if (row.Sequence != expectedSequence)
                found = Break(row, AuditBreakKind.MissingSequence, $"expected sequence {expectedSequence}, found {row.Sequence}");
            else if (!string.Equals(row.PreviousHash, expectedLink, StringComparison.Ordinal))
                found = Break(row, AuditBreakKind.BrokenLink, "previous_hash does not match the hash of the row before");
            else if (!string.Equals(AuditHashing.HashOf(row), row.Hash, StringComparison.Ordinal))
                found = Break(row, AuditBreakKind.HashMismatch, "the row's content does not give its stored hash");
            if (found is not null)
            {
                breaks.Add(found);
                broken = true;
            }
            previous = row;
        }
        return new AuditVerification(rows, chains, breaks);
    }

    private static AuditBreak Break(AuditEntry row, AuditBreakKind kind, string detail) =>
        new(row.Id, row.CompanyId, row.EntityType, row.EntityId, row.Sequence, kind, detail);
}
