using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Mail;
using Tandem.Platform.Persistence;
using Tandem.Sales.Data;
using Tandem.SharedKernel;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;
using UglyToad.PdfPig.Writer;

namespace Tandem.Sales.Features.Quotes;

internal sealed record SendInput(string? To, string? Message);

/// <summary>The quote as the customer receives it: a printable HTML page, a PDF, and an email carrying the PDF.</summary>
internal sealed class QuoteDocuments(SalesDb db, DbSession session, QuoteHandler quotes, IMailer mailer, TimeProvider clock)
{
    public async Task<Result<string>> HtmlAsync(Guid id, CancellationToken ct)
    {
        var quote = await quotes.GetAsync(id, ct);
        return quote.IsSuccess ? Html(quote.Value) : quote.Error!;
    }

    public async Task<Result<byte[]>> PdfAsync(Guid id, CancellationToken ct)
    {
        var quote = await quotes.GetAsync(id, ct);
        return quote.IsSuccess ? Pdf(quote.Value) : quote.Error!;
    }

    /// <summary>Queues the quote with its PDF to the address in this unit of work and marks it sent; the message leaves after commit.</summary>
    public async Task<Result<QuoteDto>> SendAsync(Guid id, SendInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("to", input.To, 254).Optional("message", input.Message, 2000)
            .When(input.To is { Length: > 0 } to && !System.Net.Mail.MailAddress.TryCreate(to.Trim(), out _), "to", "An email address.");
        if (errors.Any)
            return errors.ToError();
        var dto = await quotes.GetAsync(id, ct);
        if (!dto.IsSuccess)
            return dto.Error!;
        await using var unit = await session.BeginAsync(ct);
        var quote = await db.Quotes.SingleAsync(q => q.Id == id, ct);
        quote.MarkSent(clock.GetUtcNow());
        var q = dto.Value;
        var text = $"{input.Message?.Trim()}\n\nPlease find attached quote {q.Number} rev. {q.Revision}: total {Format(q.Total)}, valid until {q.ValidUntil:yyyy-MM-dd}.".Trim();
        await mailer.QueueAsync(quote.CompanyId, new OutgoingMail([input.To!.Trim()], $"Quote {q.Number} rev. {q.Revision}", Html(q), text, null,
            [new MailAttachment($"{q.Number}-rev{q.Revision}.pdf", "application/pdf", Pdf(q))]), ct);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await quotes.ToDtoAsync(quote, ct);
    }

    private static string Format(Money money) => $"{money.Amount.ToString("N2", CultureInfo.InvariantCulture)} {money.Currency}";

    public static string Html(QuoteDto q)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Quote ").Append(E(q.Number)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{width:100%;border-collapse:collapse;margin-top:1rem}")
            .Append("th,td{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}td.n,th.n{text-align:right}.totals{margin-top:1rem;text-align:right}")
            .Append("@media print{body{margin:0}.noprint{display:none}@page{size:A4;margin:15mm}}</style></head><body>")
            // Scripts are not allowed by the content security policy: the browser's own print command prints the page.
            .Append("<p class=\"noprint\"><small>Print with your browser (Ctrl+P); this line is left off the paper.</small></p>")
            .Append("<h1>Quote ").Append(E(q.Number)).Append(" rev. ").Append(q.Revision).Append("</h1>")
            .Append("<p>For <b>").Append(E(q.CustomerName)).Append("</b><br>Date ").Append(q.QuoteDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(" · valid until ").Append(q.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(" · ships complete ").Append(q.ShipCompleteDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</p>")
            .Append("<table><thead><tr><th>#</th><th>Description</th><th class=\"n\">Quantity</th><th class=\"n\">Unit price</th><th class=\"n\">Discount</th><th>Tax</th><th class=\"n\">Net</th><th>Ships</th></tr></thead><tbody>");
        foreach (var l in q.Lines)
        {
            html.Append("<tr><td>").Append(l.LineNumber).Append("</td><td>").Append(E(l.Description)).Append("</td><td class=\"n\">")
                .Append(l.Quantity.ToString("0.####", CultureInfo.InvariantCulture)).Append(' ').Append(E(l.Unit)).Append("</td><td class=\"n\">")
                .Append(l.UnitPrice.Amount.ToString("N2", CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">")
                .Append(l.DiscountPercent == 0 ? "" : l.DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture) + " %").Append("</td><td>")
                .Append(E(l.TaxCode)).Append("</td><td class=\"n\">").Append(l.Net.Amount.ToString("N2", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(l.PromiseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        html.Append("</tbody></table><p class=\"totals\">Untaxed ").Append(Format(q.Untaxed)).Append("<br>Tax ").Append(Format(q.Tax))
            .Append("<br><b>Total ").Append(Format(q.Total)).Append("</b></p>");
        if (q.Notes is not null)
            html.Append("<p>").Append(E(q.Notes)).Append("</p>");
        return html.Append("</body></html>").ToString();
    }

    /// <summary>A plain A4 PDF in Liberation Sans, embedded as a subset so every reader shows the names as written (see ADR 0008).</summary>
    public static byte[] Pdf(QuoteDto q)
    {
        var pdf = new QuotePdf();
        pdf.Heading($"Quote {q.Number} rev. {q.Revision}");
        pdf.Line("");
        pdf.Line($"For: {q.CustomerName}", bold: true);
        pdf.Line($"Date {q.QuoteDate:yyyy-MM-dd}   valid until {q.ValidUntil:yyyy-MM-dd}   ships complete {q.ShipCompleteDate:yyyy-MM-dd}");
        pdf.Line("");
        foreach (var l in q.Lines)
        {
            var discount = l.DiscountPercent == 0 ? "" : $" less {l.DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture)} %";
            pdf.Line($"{l.LineNumber}. {l.Description}");
            pdf.Line($"    {l.Quantity.ToString("0.####", CultureInfo.InvariantCulture)} {l.Unit} x {l.UnitPrice.Amount.ToString("N2", CultureInfo.InvariantCulture)}{discount}"
                + $"  {l.TaxCode}  net {l.Net.Amount.ToString("N2", CultureInfo.InvariantCulture)}  ships {l.PromiseDate:yyyy-MM-dd}");
        }
        pdf.Line("");
        pdf.Line($"Untaxed {Format(q.Untaxed)}   Tax {Format(q.Tax)}");
        pdf.Line($"Total {Format(q.Total)}", bold: true);
        if (q.Notes is not null)
        {
            pdf.Line("");
            foreach (var note in q.Notes.Split('\n'))
                pdf.Line(note.TrimEnd('\r'));
        }
        return pdf.Build();
    }
}

/// <summary>
/// Lays lines of text top to bottom on A4 pages through PdfPig in Liberation Sans, wrapping lines at the right margin
/// and starting a new page when one is full.
/// </summary>
internal sealed class QuotePdf
{
    private const double Margin = 50, FontSize = 10, HeadingSize = 16, Leading = 14;

    private readonly PdfDocumentBuilder builder = new();
    private readonly FontRun regular;
    private readonly FontRun bold;
    private PdfPageBuilder? page;
    private double y;

    public QuotePdf()
    {
        regular = new FontRun(builder, QuoteFont.Regular);
        bold = new FontRun(builder, QuoteFont.Bold);
    }

    public void Heading(string text) => Write(text, bold, HeadingSize, HeadingSize + 6);

    public void Line(string text, bool bold = false) => Write(text, bold ? this.bold : regular, FontSize, Leading);

    public byte[] Build()
    {
        if (page is null)
            NewPage();
        return builder.Build();
    }

    private void NewPage()
    {
        page = builder.AddPage(PageSize.A4);
        y = page.PageSize.Height - Margin;
    }

    private void Write(string text, FontRun font, double size, double leading)
    {
        if (page is null)
            NewPage();
        var width = page!.PageSize.Width - 2 * Margin;
        foreach (var line in font.Face.Wrap(font.Face.Printable(text), size, width))
        {
            if (y - leading < Margin)
                NewPage();
            y -= leading;
            font.Draw(page!, line, size, new PdfPoint(Margin, y));
        }
    }

    /// <summary>
    /// One face written through as many embedded subsets as the text needs: PdfPig writes a TrueType font as a simple
    /// font of at most 255 distinct characters, so the next characters go to a fresh subset of the same face.
    /// </summary>
    private sealed class FontRun(PdfDocumentBuilder builder, QuoteFont face)
    {
        private const int CharactersPerSubset = 255;
        private readonly HashSet<char> used = [];
        private PdfDocumentBuilder.AddedFont? current;

        public QuoteFont Face => face;

        public void Draw(PdfPageBuilder page, string text, double size, PdfPoint at)
        {
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (used.Contains(text[i]) || used.Count < CharactersPerSubset)
                {
                    used.Add(text[i]);
                    continue;
                }
                at = Segment(page, text[start..i], size, at);
                start = i;
                current = null;
                used.Clear();
                used.Add(text[i]);
            }
            Segment(page, text[start..], size, at);
        }

        private PdfPoint Segment(PdfPageBuilder page, string text, double size, PdfPoint at)
        {
            if (text.Length == 0)
                return at;
            current ??= builder.AddTrueTypeFont(face.Bytes);
            page.AddText(text, size, at, current);
            return new PdfPoint(at.X + face.Width(text, size), at.Y);
        }
    }
}

/// <summary>
/// Liberation Sans (SIL Open Font License 1.1, see Fonts/OFL.txt), shipped inside the module so the PDF draws the same
/// letters on every server: accented Latin, Greek and Cyrillic, and signs such as € and –.
/// </summary>
internal sealed class QuoteFont
{
    private static readonly Lazy<QuoteFont> RegularFace = new(() => new QuoteFont("LiberationSans-Regular.ttf"));
    private static readonly Lazy<QuoteFont> BoldFace = new(() => new QuoteFont("LiberationSans-Bold.ttf"));

    private readonly TrueTypeFont program;
    private readonly double unitsPerEm;

    private QuoteFont(string file)
    {
        var name = $"{typeof(QuoteFont).Namespace}.Fonts.{file}";
        using var stream = typeof(QuoteFont).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in the Sales module.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Bytes = copy.ToArray();
        program = TrueTypeFontParser.Parse(new TrueTypeDataBytes(Bytes));
        unitsPerEm = program.GetUnitsPerEm();
    }

    public static QuoteFont Regular => RegularFace.Value;

    public static QuoteFont Bold => BoldFace.Value;

    public byte[] Bytes { get; }

    // PdfPig refuses a character without a glyph box, so both the character map and the box must know it.
    public bool Draws(char c) => program.WindowsUnicodeCMap?.CharacterCodeToGlyphIndex(c) > 0 && program.TryGetBoundingBox(c, out _);

    /// <summary>The text with tabs as spaces, other control characters dropped, and each character the font has no glyph for as '?'.</summary>
    public string Printable(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\u00a0')
                clean.Append(' ');
            else if (char.IsControl(c) || char.IsLowSurrogate(c))
                continue;
            else
                clean.Append(Draws(c) ? c : '?');
        }
        return clean.ToString().TrimEnd();
    }

    public double Width(string text, double size)
    {
        var total = 0d;
        foreach (var c in text)
            total += Width(c, size);
        return total;
    }

    /// <summary>Breaks the text into lines no wider than <paramref name="width"/>, at a space where it can, inside a word when one is too long.</summary>
    public IEnumerable<string> Wrap(string text, double size, double width)
    {
        var start = 0;
        while (true)
        {
            var end = start;
            var used = 0d;
            var space = -1;
            while (end < text.Length)
            {
                var advance = Width(text[end], size);
                if (used + advance > width && end > start)
                    break;
                if (text[end] == ' ')
                    space = end;
                used += advance;
                end++;
            }
            if (end == text.Length)
            {
                yield return text[start..];
                yield break;
            }
            var cut = space > start ? space : end;
            yield return text[start..cut].TrimEnd();
            start = cut;
            while (start < text.Length && text[start] == ' ')
                start++;
            if (start == text.Length)
                yield break;
        }
    }

    private double Width(char c, double size) => program.TryGetAdvanceWidth(c, out var advance) ? advance * size / unitsPerEm : 0;
}
