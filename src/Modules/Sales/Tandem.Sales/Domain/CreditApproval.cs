using Tandem.SharedKernel;

namespace Tandem.Sales.Domain;

internal enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A quote acceptance or order confirmation that the credit check refused and the rep sent to a finance manager.
/// Approved, it lets that action go ahead for that document up to the approved amount.
/// </summary>
internal sealed class CreditApproval : Entity
{
    private CreditApproval()
    {
    }

    public Guid PartyId { get; private set; }

    /// <summary><c>quote</c> or <c>order</c>.</summary>
    public string DocumentType { get; private set; } = "";
    public Guid DocumentId { get; private set; }
    public string DocumentNumber { get; private set; } = "";
    public CurrencyCode Currency { get; private set; }
    public decimal Amount { get; private set; }
    public decimal Exposure { get; private set; }
    public decimal? CreditLimit { get; private set; }
    public decimal Overdue { get; private set; }
    public string Reason { get; private set; } = "";
    public ApprovalStatus Status { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Note { get; private set; }

    public static CreditApproval Request(Guid partyId, string documentType, Guid documentId, string documentNumber, CurrencyCode currency, decimal amount,
        CreditFigures figures, string user, DateTimeOffset now) =>
        new()
        {
            PartyId = partyId, DocumentType = documentType, DocumentId = documentId, DocumentNumber = documentNumber, Currency = currency, Amount = amount,
            Exposure = figures.Exposure, CreditLimit = figures.Limit, Overdue = figures.Overdue, Reason = figures.Reason, Status = ApprovalStatus.Pending,
            RequestedBy = user, RequestedAt = now,
        };

    public void Approve(string user, string? note, DateTimeOffset now) => Decide(ApprovalStatus.Approved, user, note, now);

    public void Reject(string user, string? note, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(note))
            throw new BusinessRuleException(Error.Validation("note", "Say why the credit is refused."));
        Decide(ApprovalStatus.Rejected, user, note, now);
    }

    /// <summary>The approval covers the document at this amount.</summary>
    public bool Covers(string documentType, Guid documentId, decimal amount) =>
        Status == ApprovalStatus.Approved && DocumentType == documentType && DocumentId == documentId && amount <= Amount;

    private void Decide(ApprovalStatus status, string user, string? note, DateTimeOffset now)
    {
        if (Status != ApprovalStatus.Pending)
            throw new BusinessRuleException(Error.Conflict("approval_decided", $"The approval for {DocumentNumber} is already {Describe(Status)}."));
        Status = status;
        DecidedBy = user;
        DecidedAt = now;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public void RepointCustomer(Guid partyId) => PartyId = partyId;

    public static string Describe(ApprovalStatus status) => status.ToString().ToLowerInvariant();
}
