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
using UglyToad.PdfPig.Fonts.Standard14Fonts;
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

    /// <summary>
    /// A plain A4 PDF in Helvetica, one of the standard 14 fonts every PDF reader has built in, so nothing needs font
    /// files on the server (see ADR 0008).
    /// </summary>
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

/// <summary>Lays lines of text top to bottom on A4 pages through PdfPig, starting a new page when one is full.</summary>
internal sealed class QuotePdf
{
    private const double Margin = 50, FontSize = 10, HeadingSize = 16, Leading = 14;

    private readonly PdfDocumentBuilder builder = new();
    private readonly PdfDocumentBuilder.AddedFont regular;
    private readonly PdfDocumentBuilder.AddedFont bold;
    private PdfPageBuilder? page;
    private double y;

    public QuotePdf()
    {
        regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
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

    private void Write(string text, PdfDocumentBuilder.AddedFont font, double size, double leading)
    {
        if (page is null || y - leading < Margin)
            NewPage();
        y -= leading;
        var clean = Printable(text);
        if (clean.Length > 0)
            page!.AddText(clean, size, new PdfPoint(Margin, y), font);
    }

    // PdfPig's standard 14 fonts draw only the Adobe standard character set, which has no accented letters: letters
    // lose their accents, a few signs are spelled out, and anything else prints as '?' rather than failing the document.
    // The table is explicit because the server runs with invariant globalization, where Unicode normalization is unavailable.
    private static readonly Dictionary<char, string> Plain = BuildPlain();

    private static Dictionary<char, string> BuildPlain()
    {
        var plain = new Dictionary<char, string>
        {
            ['\t'] = " ", ['\u00a0'] = " ", ['ß'] = "ss", ['Æ'] = "AE", ['æ'] = "ae", ['Œ'] = "OE", ['œ'] = "oe", ['Þ'] = "Th", ['þ'] = "th",
            ['€'] = "EUR", ['×'] = "x", ['\u2018'] = "'", ['\u2019'] = "'", ['\u201c'] = "\"", ['\u201d'] = "\"", ['\u2013'] = "-", ['\u2014'] = "-",
        };
        string[] accented =
        [
            "AÀÁÂÃÄÅĀĂĄ", "aàáâãäåāăą", "CÇĆĈĊČ", "cçćĉċč", "DĎĐ", "dďđ", "EÈÉÊËĒĔĖĘĚ", "eèéêëēĕėęě", "GĜĞĠĢ", "gĝğġģ", "HĤĦ", "hĥħ",
            "IÌÍÎÏĨĪĬĮİ", "iìíîïĩīĭįı", "JĴ", "jĵ", "KĶ", "kķ", "LĹĻĽĿŁ", "lĺļľŀł", "NÑŃŅŇ", "nñńņň", "OÒÓÔÕÖØŌŎŐ", "oòóôõöøōŏő",
            "RŔŖŘ", "rŕŗř", "SŚŜŞŠ", "sśŝşš", "TŢŤŦ", "tţťŧ", "UÙÚÛÜŨŪŬŮŰŲ", "uùúûüũūŭůűų", "WŴ", "wŵ", "YÝŸŶ", "yýÿŷ", "ZŹŻŽ", "zźżž",
        ];
        foreach (var letters in accented)
            foreach (var c in letters[1..])
                plain[c] = letters[..1];
        return plain;
    }

    private static string Printable(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= ' ' and <= '~')
                clean.Append(c);
            else if (Plain.TryGetValue(c, out var plain))
                clean.Append(plain);
            else if (!char.IsLowSurrogate(c))
                clean.Append('?');
        }
        return clean.ToString().TrimEnd();
    }
}
