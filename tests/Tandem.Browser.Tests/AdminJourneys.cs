using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>An administrator managing people, and an invited person joining, in a real browser.</summary>
public sealed class AdminJourneys(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Admin_invites_a_sales_rep_who_sets_a_password_signs_in_and_is_then_deactivated()
    {
        var email = $"invited{Guid.NewGuid():N}"[..15] + "@test.local";
        await using var admin = await BrowserSession.OpenAsync(chromium, server);
        await admin.SignInAsync(TandemServer.AdminEmail, TandemServer.AdminPassword, "/admin/users");

        await admin.Page.ClickAsync("#invite-user");
        await admin.Page.FillAsync("#user-email", email);
        await admin.Page.FillAsync("#user-name", "Invited Rep");
        await ChooseRoleAsync(admin.Page, "DEMO", "sales_rep");
        await admin.Page.ClickAsync("#save-user");

        // No mail server is configured here, so the screen says so and shows the link instead.
        await Expect(admin.Page.Locator("#invitation")).ToContainTextAsync("not emailed");
        var link = await admin.Page.Locator("#invitation input").InputValueAsync();
        Assert.StartsWith("/account/set-password?email=", link, StringComparison.Ordinal);
        await Expect(admin.Page.Locator("#users")).ToContainTextAsync(email);

        // The invited person opens the link in their own browser and chooses a password.
        await using (var invited = await BrowserSession.OpenAsync(chromium, server))
        {
            await invited.Page.GotoAsync(link);
            await invited.Page.FillAsync("#password", "Invited-Password-1");
            await invited.Page.FillAsync("#confirm", "Invited-Password-1");
            await invited.Page.ClickAsync("#set-password");
            await Expect(invited.Page.Locator("#set-password-done")).ToBeVisibleAsync();

            await invited.SignInAsync(email, "Invited-Password-1");
            await Expect(invited.NavLink("Parties")).ToBeVisibleAsync();
            await Expect(invited.NavLink("Users")).ToHaveCountAsync(0);
        }

        // The admin deactivates them; signing in is then refused.
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {email}" }).ClickAsync();
        await Expect(admin.Page.Locator("#users-message")).ToContainTextAsync("deactivated");
        await using var again = await BrowserSession.OpenAsync(chromium, server);
        await again.Page.GotoAsync("/login");
        await again.Page.FillAsync("#email", email);
        await again.Page.FillAsync("#password", "Invited-Password-1");
        await again.Page.ClickAsync("#sign-in");
        await Expect(again.Page.Locator("#login-error")).ToContainTextAsync("deactivated");
    }

    [Fact]
    public async Task Admin_sees_outgoing_mail_is_not_configured_and_a_test_message_kept_as_not_sent()
    {
        await using var admin = await BrowserSession.OpenAsync(chromium, server);
        await admin.SignInAsync(TandemServer.AdminEmail, TandemServer.AdminPassword, "/admin/mail");
        await Expect(admin.Page.Locator("#mail-not-configured")).ToContainTextAsync("Tandem:Mail:Host");

        await admin.Page.FillAsync("#test-mail-to", "not an address");
        await admin.Page.ClickAsync("#send-test-mail");
        await Expect(admin.Page.Locator("#test-mail")).ToContainTextAsync("Not an email address.");

        var to = $"check{Guid.NewGuid():N}"[..13] + "@test.local";
        await admin.Page.FillAsync("#test-mail-to", to);
        await admin.Page.ClickAsync("#send-test-mail");
        await Expect(admin.Page.Locator("#test-mail-result")).ToContainTextAsync("Not sent");
        var row = admin.Page.Locator("#mail-messages tr", new() { HasText = to });
        await Expect(row).ToContainTextAsync("not_sent");
        await Expect(row).ToContainTextAsync("Tandem test message");
    }

    [Fact]
    public async Task Admin_creates_a_user_and_changes_their_roles()
    {
        var email = $"created{Guid.NewGuid():N}"[..15] + "@test.local";
        await using var admin = await BrowserSession.OpenAsync(chromium, server);
        await admin.SignInAsync(TandemServer.AdminEmail, TandemServer.AdminPassword, "/admin/users");

        await admin.Page.ClickAsync("#new-user");
        await admin.Page.FillAsync("#user-email", email);
        await admin.Page.FillAsync("#user-name", "Created Accountant");
        await admin.Page.FillAsync("#user-password", "Created-Password-1");
        await ChooseRoleAsync(admin.Page, "DEMO", "accountant");
        await admin.Page.ClickAsync("#save-user");
        var row = admin.Page.Locator("#users tbody tr", new() { HasText = email });
        await Expect(row).ToContainTextAsync("accountant");

        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Edit roles of {email}" }).ClickAsync();
        await ChooseRoleAsync(admin.Page, "DEMO", "finance_manager");
        await admin.Page.ClickAsync("#save-user");
        await Expect(row).ToContainTextAsync("finance_manager");
    }

    [Fact]
    public async Task The_party_page_shows_the_history_panel_contributed_by_the_platform()
    {
        await using var admin = await BrowserSession.OpenAsync(chromium, server);
        await admin.SignInAsync(TandemServer.AdminEmail, TandemServer.AdminPassword, "/parties");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Northwind Traders" }).ClickAsync();
        await Expect(admin.Page).ToHaveURLAsync(new Regex("/parties/[0-9a-f-]{36}$"));
        await Expect(admin.Page.GetByText("History")).ToBeVisibleAsync();
        await Expect(admin.Page.GetByText("Insert by system")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("party-history");
    }

    private static Task ChooseRoleAsync(IPage page, string companyCode, string role) =>
        page.Locator($"#roles-{companyCode}").GetByText(role, new() { Exact = true }).ClickAsync();
}
