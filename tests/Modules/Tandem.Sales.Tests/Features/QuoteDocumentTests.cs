using System.Net;
using System.Net.Http.Json;
using MimeKit;
using Tandem.Sales.Features.Quotes;
using Tandem.SharedKernel;
using Tandem.Testing;
using UglyToad.PdfPig;

namespace Tandem.Sales.Tests.Features;

public class SalesMailSqliteServer : SqliteServer
{
    public TestSmtpServer Smtp { get; } = new();

    protected override IEnumerable<string> ExtraArguments => [.. Smtp.Arguments, "--Tandem:Outbox:PollInterval=00:00:00.300"];

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await Smtp.DisposeAsync();
    }
}

public class SalesMailPostgresServer : PostgresServer
{
    public TestSmtpServer Smtp { get; } = new();

    protected override IEnumerable<string> ExtraArguments => [.. Smtp.Arguments, "--Tandem:Outbox:PollInterval=00:00:00.300"];

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The quote as the customer gets it: printable HTML, a PDF, and an email through a real SMTP server carrying the PDF.</summary>
public abstract class QuoteDocumentTests(TandemServer server, TestSmtpServer smtp)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_quote_prints_as_html_and_pdf_and_is_emailed_with_its_pdf()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-M", 500m, stock: 3, cost: 300m);
        var quote = await rep.QuoteAsync((bike, 2m, 10m, true));

        var html = await rep.Http.GetStringAsync($"/api/v1/sales/quotes/{quote.Id()}/document", Ct);
        Assert.Contains(quote.Str("number"), html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        // 2 × 450.00 = 900.00 + VAT 180.00 = 1,080.00.
        Assert.Contains("1,080.00 EUR", html, StringComparison.Ordinal);
        var pdf = await rep.Http.GetByteArrayAsync($"/api/v1/sales/quotes/{quote.Id()}/document?format=pdf", Ct);
        Assert.False(string.IsNullOrEmpty(quote.Str("customerName")));
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Join("\n", document.GetPages().Select(p => p.Text));
            Assert.Contains($"Quote {quote.Str("number")} rev. 1", text, StringComparison.Ordinal);
            Assert.Contains($"For: {quote.Str("customerName")}", text, StringComparison.Ordinal);
            // The line: 2 × 500.00 less 10 % = net 900.00.
            Assert.Contains("2 pc x 500.00 less 10 %", text, StringComparison.Ordinal);
            Assert.Contains("net 900.00", text, StringComparison.Ordinal);
            Assert.Contains("Total 1,080.00 EUR", text, StringComparison.Ordinal);
        }

        var bad = await rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{quote.Id()}/send", new { to = "not an address" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var to = $"buyer-{Guid.NewGuid():N}@customer.example";
        var sent = await rep.PostAsync($"/api/v1/sales/quotes/{quote.Id()}/send", new { to, message = "As discussed." }, HttpStatusCode.OK);
        Assert.True(sent.TryGetProperty("sentAt", out var at) && at.ValueKind != System.Text.Json.JsonValueKind.Null);
        var message = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == to), TimeSpan.FromSeconds(30), "the quote is emailed");
        Assert.Equal($"Quote {quote.Str("number")} rev. 1", message.Subject);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content, Ct);
        using var attached = PdfDocument.Open(content.ToArray());
        Assert.Contains("Total 1,080.00 EUR", attached.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_draws_european_names_and_signs_as_written()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("RAD-Ż", 100m);
        var account = await rep.PostAsync("/api/v1/crm/accounts", new { name = "Łódź Rowery Müller Škoda", industry = "Retail", segment = "SMB" }, HttpStatusCode.Created);
        var quote = await rep.PostAsync("/api/v1/sales/quotes", new
        {
            accountId = account.Id(),
            notes = "Anzahlung € 1.234,50 – ő bis Freitag",
            lines = new[] { new { productId = bike, quantity = 3m, description = "Rower miejski Żółw – Straße" } },
        }, HttpStatusCode.Created);
        Assert.Equal("Łódź Rowery Müller Škoda", quote.Str("customerName"));

        var pdf = await rep.Http.GetByteArrayAsync($"/api/v1/sales/quotes/{quote.Id()}/document?format=pdf", Ct);
        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Contains("For: Łódź Rowery Müller Škoda", text, StringComparison.Ordinal);
        Assert.Contains("€ 1.234,50 – ő", text, StringComparison.Ordinal);
        Assert.Contains("1. Rower miejski Żółw – Straße", text, StringComparison.Ordinal);
        // 3 × 100.00 = net 300.00, untaxed.
        Assert.Contains("3 pc x 100.00", text, StringComparison.Ordinal);
        Assert.Contains("net 300.00", text, StringComparison.Ordinal);
        Assert.Contains("Total 300.00 EUR", text, StringComparison.Ordinal);
        Assert.Contains("LiberationSans", document.GetPage(1).Letters[0].FontName, StringComparison.Ordinal);
    }
}

/// <summary>The PDF's layout, without a server: A4 pages, page breaks, wrapped lines, and text in many alphabets.</summary>
public sealed class QuotePdfTests
{
    private static QuoteDto Quote(int lines, string? notes)
    {
        static Money Eur(decimal amount) => new(amount, CurrencyCode.Eur);
        var date = new DateOnly(2026, 3, 2);
        var quoteLines = Enumerable.Range(1, lines).Select(n => new QuoteLineDto(Guid.NewGuid(), n, Guid.NewGuid(), $"Widget {n}", false, 3m, "pc",
            Eur(10m), "list", 0m, Eur(10m), null, "VAT20", 0.2m, Eur(30m), Eur(6m), Eur(36m), date.AddDays(n), "stock")).ToList();
        return new QuoteDto(Guid.NewGuid(), "Q-000042", 2, null, "draft", Guid.NewGuid(), "Müller & Söhne (Wien)", null, null, Guid.NewGuid(),
            CurrencyCode.Eur, date, date.AddDays(30), notes, null, Eur(30m * lines), Eur(6m * lines), Eur(36m * lines), date.AddDays(lines), null, null,
            quoteLines, [], 1);
    }

    [Fact]
    public void A_long_quote_breaks_onto_further_a4_pages_and_keeps_every_line()
    {
        // 5 header lines + 2 per quote line × 60 + 2 totals lines = 127 lines; at 14 pt on 842 − 2 × 50 pt about 52 fit a page: 3 pages.
        using var document = PdfDocument.Open(QuoteDocuments.Pdf(Quote(60, null)));
        Assert.Equal(3, document.NumberOfPages);
        Assert.All(document.GetPages(), p => Assert.Equal((595d, 842d), (Math.Round(p.Width), Math.Round(p.Height))));
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Contains("Quote Q-000042 rev. 2", document.GetPage(1).Text, StringComparison.Ordinal);
        Assert.Contains("For: Müller & Söhne (Wien)", text, StringComparison.Ordinal);
        Assert.Contains("60. Widget 60", text, StringComparison.Ordinal);
        // 60 lines × 3 pc × 10.00 = 1,800.00 untaxed, 360.00 VAT, 2,160.00 total.
        Assert.Contains("Total 2,160.00 EUR", document.GetPage(3).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_keep_their_lines_and_characters_without_a_glyph_print_as_question_marks()
    {
        // Liberation Sans has no CJK ideographs and no emoji; a tab prints as a space.
        using var document = PdfDocument.Open(QuoteDocuments.Pdf(Quote(1, "Delivery to gate 3\r\nPrices in € for Straße Łódź\tok \u4e2d \U0001F600 end")));
        var text = document.GetPage(1).Text;
        Assert.Contains("Delivery to gate 3", text, StringComparison.Ordinal);
        Assert.Contains("Prices in € for Straße Łódź ok ? ? end", text, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_255_different_characters_are_all_drawn()
    {
        // A simple TrueType font holds 255 characters: Latin, Latin Extended-A, Greek and Cyrillic together are about 400.
        var latin = new string([.. Enumerable.Range(0x21, 0x7e - 0x20).Select(c => (char)c)]);
        var extended = new string([.. Enumerable.Range(0x100, 0x80).Select(c => (char)c)]);
        var greek = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω";
        var cyrillic = new string([.. Enumerable.Range(0x410, 0x40).Select(c => (char)c)]);
        var lines = new[] { latin, extended[..64], extended[64..], greek, cyrillic[..32], cyrillic[32..] };
        Assert.True(lines.SelectMany(l => l).Distinct().Count() > 300);

        using var document = PdfDocument.Open(QuoteDocuments.Pdf(Quote(1, string.Join("\n", lines))));
        var text = document.GetPage(1).Text;
        foreach (var line in lines)
            Assert.Contains(line, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_character_of_the_basic_multilingual_plane_goes_into_a_pdf()
    {
        // Whatever a customer types in a note, the document is written: drawn, or printed as '?'.
        var all = new string([.. Enumerable.Range(0x20, 0xFFFE - 0x20).Select(c => (char)c).Where(c => !char.IsSurrogate(c))]);
        var lines = Enumerable.Range(0, all.Length / 80 + 1).Select(i => all.Substring(i * 80, Math.Min(80, all.Length - i * 80)));
        using var document = PdfDocument.Open(QuoteDocuments.Pdf(Quote(1, string.Join("\n", lines))));
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Contains("ÀÁÂÃÄÅÆÇÈÉ", text, StringComparison.Ordinal);
        Assert.Contains("АБВГДЕЖЗИЙ", text, StringComparison.Ordinal);
        Assert.True(document.NumberOfPages > 10);
    }

    [Fact]
    public void A_long_line_wraps_inside_the_margins_and_keeps_every_word()
    {
        var words = Enumerable.Range(1, 120).Select(n => $"Wort{n}ß").ToList();
        using var document = PdfDocument.Open(QuoteDocuments.Pdf(Quote(1, string.Join(' ', words))));
        var page = document.GetPage(1);
        // A4 is 595 pt wide with 50 pt margins: nothing may reach past 545 pt.
        Assert.All(page.Letters, l => Assert.True(l.BoundingBox.Right <= 545.5, $"'{l.Value}' ends at {l.BoundingBox.Right}"));
        var found = page.GetWords().Select(w => w.Text).ToHashSet();
        Assert.All(words, w => Assert.Contains(w, found));
        var noteRows = page.Letters.Where(l => l.Value == "W").Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count();
        Assert.True(noteRows >= 10, $"the note takes {noteRows} lines");
    }
}

public sealed class QuoteDocumentTestsOnSqlite(SalesMailSqliteServer server) : QuoteDocumentTests(server, server.Smtp), IClassFixture<SalesMailSqliteServer>;

public sealed class QuoteDocumentTestsOnPostgres(SalesMailPostgresServer server) : QuoteDocumentTests(server, server.Smtp), IClassFixture<SalesMailPostgresServer>;
