using System.Text.RegularExpressions;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>A sales rep's day in the CRM: a lead becomes a qualified, converted opportunity that moves across the board and gets a call logged.</summary>
public sealed partial class SalesRepJourney(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_rep_creates_qualifies_and_converts_a_lead_moves_the_opportunity_logs_a_call_with_a_note_and_finds_it_by_search()
    {
        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        var page = browser.Page;
        await browser.SignInAsync(email, password, "/crm/leads");
        await Expect(browser.NavLink("Leads")).ToBeVisibleAsync();

        await page.ClickAsync("#new-lead");
        // Under load the form can show before its circuit is live; a click then would be lost.
        await browser.WaitInteractiveAsync();
        await page.FillAsync("#lead-name", "Greta Journey");
        await page.FillAsync("#lead-company", "Journey Cycles GmbH");
        await page.FillAsync("#lead-email", "greta@journey.example");
        await page.ClickAsync("#create-lead");
        // Creating now also looks for duplicate parties and leads; with other journeys running beside it on two
        // cores the page once took longer than the default 15 s to move on.
        await page.WaitForURLAsync(LeadUrl(), new() { Timeout = 30_000 });
        await Expect(page.Locator("#lead-title")).ToHaveTextAsync("Greta Journey");

        await page.ClickAsync("#qualify-lead");
        await Expect(page.Locator("#lead-status")).ToContainTextAsync("Qualified");
        await page.FillAsync("#convert-name", "Journey fleet");
        await page.FillAsync("#convert-amount", "18000");
        await page.ClickAsync("#convert-lead");
        await page.WaitForURLAsync(OpportunityUrl());
        await Expect(page.Locator("#opportunity-title")).ToHaveTextAsync("Journey fleet");
        var opportunityId = OpportunityUrl().Match(page.Url).Groups[1].Value;

        await browser.GoAsync("/crm/pipeline");
        var card = page.Locator($"#card-{opportunityId}");
        await Expect(page.Locator("#pipeline-board [data-stage='Qualification']").Locator($"#card-{opportunityId}")).ToBeVisibleAsync();
        await page.ClickAsync($"#move-next-{opportunityId}");
        await Expect(page.Locator("#pipeline-board [data-stage='Needs analysis']").Locator($"#card-{opportunityId}")).ToBeVisibleAsync();
        await page.ClickAsync($"#move-next-{opportunityId}");
        await Expect(page.Locator("#pipeline-board [data-stage='Proposal']").Locator($"#card-{opportunityId}")).ToBeVisibleAsync();
        // Dragging the card onto the next column moves it too.
        await card.DragToAsync(page.Locator("#pipeline-board [data-stage='Negotiation'] .mud-drop-zone"));
        await Expect(page.Locator("#pipeline-board [data-stage='Negotiation']").Locator($"#card-{opportunityId}")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("crm-pipeline-board");

        await card.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Journey fleet" }).ClickAsync();
        await page.WaitForURLAsync(OpportunityUrl());
        await browser.WaitInteractiveAsync();
        await Expect(page.Locator("#stage-history")).ToContainTextAsync("Negotiation");
        await page.FillAsync("#activity-subject", "Call with Greta about delivery");
        await page.FillAsync("#activity-note", "Greta wants the first forty bikes before Easter");
        await page.ClickAsync("#log-activity-button");
        await Expect(page.Locator("#activity-logged")).ToBeVisibleAsync();
        await Expect(page.Locator("#opportunity-activities")).ToContainTextAsync("Call with Greta about delivery");
        await Expect(page.Locator("#opportunity-notes")).ToContainTextAsync("before Easter");
        await browser.ScreenshotAsync("crm-opportunity");

        // Found again from anywhere by a word of the note, and the result leads back to the opportunity.
        await page.FillAsync("#global-search", "easter");
        await page.PressAsync("#global-search", "Enter");
        await page.WaitForURLAsync(new Regex("/search\\?q=easter$"));
        var hit = page.Locator("#search-results .search-hit", new() { HasText = "before Easter" });
        await Expect(hit).ToHaveCountAsync(1);
        await Expect(hit).ToContainTextAsync("Note");
        await browser.ScreenshotAsync("crm-search");
        await hit.ClickAsync();
        await page.WaitForURLAsync(new Regex($"/crm/opportunities/{opportunityId}$"));
    }

    [GeneratedRegex("/crm/leads/([0-9a-f-]{36})$")]
    private static partial Regex LeadUrl();

    [GeneratedRegex("/crm/opportunities/([0-9a-f-]{36})$")]
    private static partial Regex OpportunityUrl();
}
