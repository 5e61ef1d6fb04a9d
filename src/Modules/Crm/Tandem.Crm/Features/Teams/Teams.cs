using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Security;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Teams;

public sealed record TeamInput(string Name, Guid? ManagerId = null, IReadOnlyList<Guid>? MemberIds = null);

public sealed record TeamDto(Guid Id, string Name, Guid? ManagerId, IReadOnlyList<Guid> MemberIds, long Version);

public sealed record ShareInput(Guid UserId);

/// <summary>Teams: who a sales manager answers for. Managed by holders of crm.manage.</summary>
internal sealed class TeamsHandler(CrmDb db, PlatformDb platform, ICompanyContext company, DbSession session)
{
    public async Task<IReadOnlyList<TeamDto>> ListAsync(CancellationToken ct) =>
        (await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Select(ToDto).ToList();

    public async Task<Result<TeamDto>> CreateAsync(TeamInput input, CancellationToken ct)
    {
        if (await ValidateAsync(input, ct) is { } invalid)
            return invalid;
        if (await db.Teams.AnyAsync(t => t.Name == input.Name.Trim(), ct))
            return Error.Conflict("team_name_taken", "A team with this name exists.");
        await using var unit = await session.BeginAsync(ct);
        var team = Team.Create(input.Name, input.ManagerId, input.MemberIds ?? []);
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ToDto(team);
    }

    public async Task<Result<TeamDto>> UpdateAsync(Guid id, TeamInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
            return Error.NotFound("Team");
        if (checkVersion(team.Version) is { } stale)
            return stale;
        if (await ValidateAsync(input, ct) is { } invalid)
            return invalid;
        await using var unit = await session.BeginAsync(ct);
        team.Change(input.Name, input.ManagerId, input.MemberIds ?? []);
        // The team row itself changes version even when only its members change, so If-Match stays meaningful.
        db.Entry(team).Property(t => t.Name).IsModified = true;
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return ToDto(team);
    }

    private async Task<Error?> ValidateAsync(TeamInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", input.Name, 100);
        var users = (input.MemberIds ?? []).Concat(input.ManagerId is { } m ? [m] : []).Distinct().ToList();
        if (users.Count > 200)
            errors.Add("memberIds", "At most 200 members.");
        else if (users.Count > 0)
        {
            var known = await platform.Memberships.AsNoTracking()
                .Where(x => x.CompanyId == company.CompanyId && users.Contains(x.UserId)).Select(x => x.UserId).ToListAsync(ct);
            foreach (var unknown in users.Except(known))
                errors.Add(unknown == input.ManagerId ? "managerId" : "memberIds", $"{unknown} is not a user of this company.");
        }
        return errors.Any ? errors.ToError() : null;
    }

    internal static TeamDto ToDto(Team t) => new(t.Id, t.Name, t.ManagerId, t.Members.Select(m => m.UserId).Order().ToList(), t.Version);
}

/// <summary>Shares one owned record with another user of the company.</summary>
internal sealed class ShareHandler(CrmDb db, CrmVisibility visibility, PlatformDb platform, ICompanyContext company, TimeProvider clock)
{
    public async Task<Result<ShareInput>> ShareAsync(string recordType, Guid recordId, ShareInput input, CancellationToken ct)
    {
        var visible = recordType switch
        {
            RecordTypes.Account => await (await visibility.AccountsAsync(ct)).AnyAsync(a => a.Id == recordId, ct),
            RecordTypes.Lead => await (await visibility.LeadsAsync(ct)).AnyAsync(a => a.Id == recordId, ct),
            _ => await (await visibility.OpportunitiesAsync(ct)).AnyAsync(a => a.Id == recordId, ct),
        };
        if (!visible)
            return Error.NotFound("Record");
        if (!await platform.Memberships.AnyAsync(m => m.CompanyId == company.CompanyId && m.UserId == input.UserId, ct))
            return Error.Validation("userId", "Not a user of this company.");
        if (!await db.Shares.AnyAsync(s => s.RecordId == recordId && s.UserId == input.UserId, ct))
        {
            db.Shares.Add(RecordShare.Create(recordType, recordId, input.UserId, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        return input;
    }
}

internal static class TeamsEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var teams = crm.MapGroup("/teams").WithTags("CRM teams");
        teams.MapGet("/", async (TeamsHandler handler, CancellationToken ct) => Results.Ok(await handler.ListAsync(ct)))
            .RequireAuthorization(CrmPermissions.Read).WithName("ListTeams").WithSummary("List the sales teams");
        teams.MapPost("/", async (TeamInput input, TeamsHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(team => Results.Created($"/api/v1/crm/teams/{team.Id}", team)))
            .RequireAuthorization(CrmPermissions.Manage).WithName("CreateTeam").WithSummary("Create a team with a manager and members");
        teams.MapPut("/{id:guid}", async (Guid id, TeamInput input, TeamsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, t => t.Version))
            .RequireAuthorization(CrmPermissions.Manage).WithName("UpdateTeam").WithSummary("Change a team's name, manager and members; send If-Match");

        foreach (var (path, type) in new[] { ("accounts", RecordTypes.Account), ("leads", RecordTypes.Lead), ("opportunities", RecordTypes.Opportunity) })
        {
            crm.MapPost($"/{path}/{{id:guid}}/shares", async (Guid id, ShareInput input, ShareHandler handler, CancellationToken ct) =>
                    (await handler.ShareAsync(type, id, input, ct)).ToHttp())
                .RequireAuthorization(CrmPermissions.Write).WithTags("CRM sharing").WithName($"Share{type}")
                .WithSummary($"Share a {type} with another user");
        }
    }
}
