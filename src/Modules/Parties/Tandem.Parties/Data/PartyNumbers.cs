using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Features.RegisterParty;
using Tandem.Platform.Numbering;

namespace Tandem.Parties.Data;

/// <summary>Parties as numbered when registered: P000001, one sequence for all years.</summary>
internal sealed class PartyNumbers(PartiesDb db) : INumberedDocuments
{
    public IReadOnlyList<DocumentNumberFormat> Formats { get; } = [RegisterPartyHandler.NumberFormat];

    public async IAsyncEnumerable<NumberedDocument> NumbersAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var parties = db.Parties.IgnoreQueryFilters().AsNoTracking().Select(p => new { p.CompanyId, p.Number });
        await foreach (var p in parties.AsAsyncEnumerable().WithCancellation(ct))
            yield return new(p.CompanyId, RegisterPartyHandler.NumberFormat, p.Number);
    }
}
