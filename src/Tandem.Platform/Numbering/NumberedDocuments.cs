using System.Globalization;

namespace Tandem.Platform.Numbering;

/// <summary>
/// How one sequence's numbers read: <c>PO2026-00042</c> is prefix <c>PO</c>, fiscal year 2026, value 42 (yearly);
/// <c>SM000042</c> is prefix <c>SM</c>, value 42 in the sequence's single year 0. The handler that numbers a document
/// and the numbering check that reads it back share one format.
/// </summary>
public sealed record DocumentNumberFormat(string Sequence, string Prefix, bool Yearly, int Digits = 5)
{
    /// <summary>The number for a value taken from the sequence: <c>PO2026-00042</c>, or <c>SM000042</c> for a sequence without years.</summary>
    public string Compose(int fiscalYear, long value) =>
        Yearly
            ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}{fiscalYear}-{value.ToString("D" + Digits, CultureInfo.InvariantCulture)}")
            : Prefix + value.ToString("D" + Digits, CultureInfo.InvariantCulture);

    /// <summary>The fiscal year and value of a number in this format, or null when it is not one.</summary>
    public (int FiscalYear, long Value)? Read(string number)
    {
        if (!number.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var rest = number.AsSpan(Prefix.Length);
        var year = 0;
        if (Yearly)
        {
            if (rest.Length < 6 || rest[4] != '-' || !int.TryParse(rest[..4], NumberStyles.None, CultureInfo.InvariantCulture, out year))
                return null;
            rest = rest[5..];
        }
        return rest.Length > 0 && long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? (year, value) : null;
    }
}

/// <summary>A number a stored document carries, with its company and the sequence it was taken from.</summary>
public readonly record struct NumberedDocument(Guid CompanyId, DocumentNumberFormat Format, string Number);

/// <summary>
/// A module's documents numbered through <see cref="DocumentNumbers"/>, read back so the numbering check can prove
/// every sequence gap-free and unique. Modules register one in DI per module; unnumbered drafts are left out.
/// </summary>
public interface INumberedDocuments
{
    /// <summary>The sequences the module numbers its documents from; each is checked even when no document exists yet.</summary>
    IReadOnlyList<DocumentNumberFormat> Formats { get; }

    /// <summary>Every numbered document of every company (the check runs as the system), streamed.</summary>
    IAsyncEnumerable<NumberedDocument> NumbersAsync(CancellationToken ct);
}
