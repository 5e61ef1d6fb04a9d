using Tandem.SharedKernel;

namespace Tandem.Inventory.Domain;

internal enum CountStatus
{
    Open,
    Posted,
}

/// <summary>
/// A physical count of one location: the expected quantities when it was opened, the counted ones people enter,
/// and, once posted, an adjustment move for each difference.
/// </summary>
internal sealed class CountSheet : Entity
{
    private readonly List<CountLine> _lines = [];

    private CountSheet()
    {
    }

    public string Number { get; private set; } = "";
    public Guid LocationId { get; private set; }
    public CountStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PostedAt { get; private set; }
    public IReadOnlyList<CountLine> Lines => _lines;

    public static CountSheet Open(string number, Guid locationId, IEnumerable<(Guid ProductId, Guid? LotId, decimal Expected)> expected, DateTimeOffset now)
    {
        var sheet = new CountSheet { Number = number, LocationId = locationId, Status = CountStatus.Open, CreatedAt = now };
        foreach (var (productId, lotId, quantity) in expected)
            sheet._lines.Add(CountLine.Of(sheet.Id, productId, lotId, quantity));
        return sheet;
    }

    /// <summary>Enters a counted quantity; a product missing from the sheet gets a line expecting zero.</summary>
    public void Enter(Guid productId, Guid? lotId, decimal counted)
    {
        EnsureOpen();
        if (counted < 0)
            throw new BusinessRuleException(Error.Validation("counted", "Cannot be negative."));
        var line = _lines.FirstOrDefault(l => l.ProductId == productId && l.LotId == lotId);
        if (line is null)
        {
            line = CountLine.Of(Id, productId, lotId, 0m);
            _lines.Add(line);
        }
        line.Enter(counted);
    }

    /// <summary>The lines whose count differs from what was expected: positive found, negative missing.</summary>
    public IReadOnlyList<(CountLine Line, decimal Variance)> Variances() =>
        _lines.Where(l => l.Counted is { } counted && counted != l.Expected).Select(l => (l, l.Counted!.Value - l.Expected)).ToList();

    public void MarkPosted(DateTimeOffset now)
    {
        EnsureOpen();
        if (_lines.Any(l => l.Counted is null))
            throw new BusinessRuleException(new Error("count_incomplete", "Every line needs a counted quantity before posting."));
        Status = CountStatus.Posted;
        PostedAt = now;
    }

    private void EnsureOpen()
    {
        if (Status == CountStatus.Posted)
            throw new BusinessRuleException(Error.Conflict("count_posted", $"Count {Number} is posted and cannot change."));
    }
}

internal sealed class CountLine : Entity
{
    private CountLine()
    {
    }

    public Guid SheetId { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid? LotId { get; private set; }
    public decimal Expected { get; private set; }
    public decimal? Counted { get; private set; }

    public static CountLine Of(Guid sheetId, Guid productId, Guid? lotId, decimal expected) => new()
    {
        SheetId = sheetId, ProductId = productId, LotId = lotId, Expected = expected,
    };

    public void Enter(decimal counted) => Counted = counted;
}
