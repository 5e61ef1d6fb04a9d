using Tandem.Platform.Consistency;

namespace Tandem.Platform.Audit;

/// <summary>The audit trail's hash chains as a consistency check: each broken chain, by its first bad row.</summary>
internal sealed class AuditCheck(AuditVerifier verifier) : IConsistencyCheck
{
    public string Name => "audit";

    public async Task<IReadOnlyList<ConsistencyViolation>> RunAsync(CancellationToken ct)
    {
        var result = await verifier.VerifyAsync(ct);
        return result.Breaks.Select(b => new ConsistencyViolation(Name, b.CompanyId, b.Kind switch
        {
            AuditBreakKind.HashMismatch => "audit_hash_mismatch",
            AuditBreakKind.BrokenLink => "audit_broken_link",
            _ => "audit_missing_sequence",
        }, $"row {b.RowId} of {b.EntityType} {b.EntityId}, sequence {b.Sequence}: {b.Detail}")).ToList();
    }
}
