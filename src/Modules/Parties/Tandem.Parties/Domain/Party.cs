using Tandem.Parties.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Parties.Domain;

/// <summary>
/// An organisation or a person the company deals with: the one master record that customers,
/// suppliers, contacts and employees all point to.
/// </summary>
internal sealed class Party : Entity
{
    public const int MaxTags = 20;

    private readonly List<PartyAddress> _addresses = [];
    private readonly List<PartyContactPoint> _contactPoints = [];
    private readonly List<PartyTaxId> _taxIds = [];

    private Party()
    {
    }

    public string Number { get; private set; } = "";
    public PartyKind Kind { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The name as duplicate detection compares it (see <see cref="PartyMatching.Name"/>).</summary>
    public string? NormalizedName { get; private set; }

    /// <summary>The primary email; also one of <see cref="ContactPoints"/>.</summary>
    public string? Email { get; private set; }

    /// <summary>The primary phone; also one of <see cref="ContactPoints"/>.</summary>
    public string? Phone { get; private set; }

    /// <summary>The primary tax id; also the first of <see cref="TaxIds"/>.</summary>
    public string? TaxId { get; private set; }
    public bool IsProspect { get; private set; }
    public bool IsCustomer { get; private set; }
    public bool IsSupplier { get; private set; }
    public List<string> Tags { get; private set; } = [];

    /// <summary>The values of the company's custom fields for parties, as validated JSON.</summary>
    public string? CustomFields { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set when merged into another party: this record stays for history and points to the survivor.</summary>
    public Guid? MergedIntoId { get; private set; }
    public DateTimeOffset? MergedAt { get; private set; }

    public IReadOnlyList<PartyAddress> Addresses => _addresses;
    public IReadOnlyList<PartyContactPoint> ContactPoints => _contactPoints;
    public IReadOnlyList<PartyTaxId> TaxIds => _taxIds;

    public static Party Register(string number, PartyDetails details, string? customFields, DateTimeOffset now)
    {
        var party = new Party { Number = number, Kind = details.Kind, CreatedAt = now, CustomFields = customFields };
        party.Apply(details);
        return party;
    }

    public void Change(PartyDetails details, string? customFields)
    {
        if (MergedIntoId is not null)
            throw new BusinessRuleException(new Error("party_merged", "This party was merged into another; change the survivor instead.", ErrorKind.Conflict));
        if (details.Kind != Kind)
            throw new BusinessRuleException(new Error("party_kind_fixed", "An organisation cannot become a person or the reverse; register a new party."));
        Apply(details);
        CustomFields = customFields;
    }

    /// <summary>Why this party cannot be merged into <paramref name="survivor"/>, or null when it can.</summary>
    public Error? RefuseMergeInto(Party survivor)
    {
        if (survivor.Id == Id)
            return new Error("merge_into_self", "A party cannot be merged into itself.");
        if (MergedIntoId is not null)
            return Error.Conflict("party_already_merged", "This party was already merged into another.");
        if (survivor.MergedIntoId is not null)
            return Error.Conflict("survivor_merged", "The surviving party was itself merged into another; merge into that one.");
        if (survivor.Kind != Kind)
            return new Error("merge_kind_mismatch", "An organisation and a person cannot be merged.");
        return null;
    }

    /// <summary>
    /// Folds this party into the survivor: the survivor keeps its own details and gains the ones it lacks,
    /// and this record is kept, marked merged, pointing to the survivor.
    /// </summary>
    public void MergeInto(Party survivor, string? survivorCustomFields, DateTimeOffset now)
    {
        if (RefuseMergeInto(survivor) is { } refused)
            throw new BusinessRuleException(refused);
        survivor.Absorb(this);
        survivor.CustomFields = survivorCustomFields;
        MergedIntoId = survivor.Id;
        MergedAt = now;
    }

    private void Absorb(Party other)
    {
        var points = ContactPointData().ToList();
        foreach (var point in other.ContactPointData().Where(p => !points.Any(q => q.Kind == p.Kind && SameValue(q, p))))
            points.Add(point with { IsPrimary = false });
        var addresses = AddressData().ToList();
        foreach (var address in other.AddressData().Where(a => !addresses.Contains(a with { IsDefault = false }) && !addresses.Contains(a with { IsDefault = true })))
            addresses.Add(address with { IsDefault = false });
        var taxIds = TaxIdData().ToList();
        taxIds.AddRange(other.TaxIdData().Where(t => !taxIds.Any(q => PartyMatching.TaxId(q.Value) == PartyMatching.TaxId(t.Value))));
        var tags = Tags.Union(other.Tags).Take(MaxTags).ToList();
        Apply(new PartyDetails(Kind, Name, null, null, null, IsCustomer || other.IsCustomer, IsSupplier || other.IsSupplier,
            IsProspect || other.IsProspect, tags, addresses, points, taxIds));
    }

    private void Apply(PartyDetails details)
    {
        Name = details.Name.Trim();
        NormalizedName = PartyMatching.Name(Name);
        IsCustomer = details.IsCustomer;
        IsSupplier = details.IsSupplier;
        // A prospect that buys is a customer; the prospect role ends there.
        IsProspect = details.IsProspect && !details.IsCustomer;
        if (details.Tags is { } tags)
            Tags = NormaliseTags(tags);

        var points = (details.ContactPoints ?? ContactPointData()).Select(Trimmed).ToList();
        Email = Reconcile(points, ContactPointKind.Email, Blank(details.Email)?.ToLowerInvariant(), keepExisting: details.ContactPoints is not null);
        Phone = Reconcile(points, ContactPointKind.Phone, Blank(details.Phone), keepExisting: details.ContactPoints is not null);
        if (!points.SequenceEqual(ContactPointData()))
        {
            _contactPoints.Clear();
            _contactPoints.AddRange(points.Select(p => new PartyContactPoint(p)));
        }

        if (details.Addresses is { } addressInput)
        {
            var addresses = addressInput.Select(Trimmed).ToList();
            foreach (var kind in addresses.Select(a => a.Kind).Distinct().ToList())
            {
                if (!addresses.Any(a => a.Kind == kind && a.IsDefault))
                {
                    var first = addresses.FindIndex(a => a.Kind == kind);
                    addresses[first] = addresses[first] with { IsDefault = true };
                }
            }
            if (!addresses.SequenceEqual(AddressData()))
            {
                _addresses.Clear();
                _addresses.AddRange(addresses.Select(a => new PartyAddress(a)));
            }
        }

        var taxIds = (details.TaxIds ?? TaxIdData()).Select(t => new TaxIdentifier(t.Value.Trim().ToUpperInvariant(), Blank(t.Scheme)?.ToUpperInvariant())).ToList();
        var primaryTaxId = Blank(details.TaxId)?.ToUpperInvariant();
        if (details.TaxIds is null && TaxId is not null)
            taxIds.RemoveAll(t => t.Value == TaxId);
        if (primaryTaxId is not null)
        {
            var existing = taxIds.FindIndex(t => t.Value == primaryTaxId);
            var scheme = existing >= 0 ? taxIds[existing].Scheme : null;
            if (existing >= 0)
                taxIds.RemoveAt(existing);
            taxIds.Insert(0, new TaxIdentifier(primaryTaxId, scheme));
        }
        TaxId = taxIds.Count > 0 ? taxIds[0].Value : null;
        if (!taxIds.SequenceEqual(TaxIdData()))
        {
            _taxIds.Clear();
            _taxIds.AddRange(taxIds.Select(t => new PartyTaxId(t)));
        }
    }

    /// <summary>
    /// Makes the legacy single field (Email or Phone) and the list agree: the single field is the primary point.
    /// A client that sends only the single field replaces the primary and keeps the other points.
    /// </summary>
    private string? Reconcile(List<ContactPoint> points, ContactPointKind kind, string? primary, bool keepExisting)
    {
        if (!keepExisting)
            points.RemoveAll(p => p.Kind == kind && p.IsPrimary);
        if (primary is not null)
        {
            var existing = points.FindIndex(p => p.Kind == kind && string.Equals(p.Value, primary, StringComparison.OrdinalIgnoreCase));
            var label = existing >= 0 ? points[existing].Label : null;
            var position = existing >= 0 ? existing : points.FindIndex(p => p.Kind == kind) is var first and >= 0 ? first : points.Count;
            if (existing >= 0)
                points.RemoveAt(existing);
            for (var i = 0; i < points.Count; i++)
            {
                if (points[i].Kind == kind && points[i].IsPrimary)
                    points[i] = points[i] with { IsPrimary = false };
            }
            points.Insert(Math.Min(position, points.Count), new ContactPoint(kind, primary, label, true));
            return primary;
        }
        var primaryIndex = points.FindIndex(p => p.Kind == kind && p.IsPrimary);
        if (primaryIndex < 0)
            primaryIndex = points.FindIndex(p => p.Kind == kind);
        if (primaryIndex < 0)
            return null;
        points[primaryIndex] = points[primaryIndex] with { IsPrimary = true };
        return points[primaryIndex].Value;
    }

    private static bool SameValue(ContactPoint a, ContactPoint b) =>
        a.Kind == ContactPointKind.Phone
            ? PartyContactPoint.MatchKeyOf(a) == PartyContactPoint.MatchKeyOf(b)
            : string.Equals(a.Value, b.Value, StringComparison.OrdinalIgnoreCase);

    private static ContactPoint Trimmed(ContactPoint p) =>
        new(p.Kind, p.Kind == ContactPointKind.Email ? p.Value.Trim().ToLowerInvariant() : p.Value.Trim(), Blank(p.Label), p.IsPrimary);

    private static PostalAddress Trimmed(PostalAddress a) =>
        new(a.Kind, a.Line1.Trim(), a.City.Trim(), a.Country.Trim().ToUpperInvariant(), Blank(a.Line2), Blank(a.PostalCode), Blank(a.Region), a.IsDefault);

    private static List<string> NormaliseTags(IEnumerable<string> tags) =>
        tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    public IEnumerable<ContactPoint> ContactPointData() => _contactPoints.Select(p => p.ToData());

    public IEnumerable<PostalAddress> AddressData() => _addresses.Select(a => a.ToData());

    public IEnumerable<TaxIdentifier> TaxIdData() => _taxIds.Select(t => t.ToData());

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A postal address of a party.</summary>
internal sealed class PartyAddress : Entity
{
    private PartyAddress()
    {
    }

    public PartyAddress(PostalAddress address)
    {
        Kind = address.Kind;
        Line1 = address.Line1;
        Line2 = address.Line2;
        PostalCode = address.PostalCode;
        City = address.City;
        Region = address.Region;
        Country = address.Country;
        IsDefault = address.IsDefault;
    }

    public Guid PartyId { get; private set; }
    public AddressKind Kind { get; private set; }
    public string Line1 { get; private set; } = "";
    public string? Line2 { get; private set; }
    public string? PostalCode { get; private set; }
    public string City { get; private set; } = "";
    public string? Region { get; private set; }
    public string Country { get; private set; } = "";
    public bool IsDefault { get; private set; }

    public PostalAddress ToData() => new(Kind, Line1, City, Country, Line2, PostalCode, Region, IsDefault);
}

/// <summary>An email address or phone number of a party, with the keys duplicate detection looks up.</summary>
internal sealed class PartyContactPoint : Entity
{
    private PartyContactPoint()
    {
    }

    public PartyContactPoint(ContactPoint point)
    {
        Kind = point.Kind;
        Value = point.Value;
        Label = point.Label;
        IsPrimary = point.IsPrimary;
        MatchKey = MatchKeyOf(point);
        EmailDomain = point.Kind == ContactPointKind.Email ? PartyMatching.EmailDomain(point.Value) : null;
    }

    public Guid PartyId { get; private set; }
    public ContactPointKind Kind { get; private set; }
    public string Value { get; private set; } = "";
    public string? Label { get; private set; }
    public bool IsPrimary { get; private set; }

    /// <summary>The lower-cased email or the phone's last digits.</summary>
    public string? MatchKey { get; private set; }

    /// <summary>The email's domain unless it is a free-mail provider.</summary>
    public string? EmailDomain { get; private set; }

    public static string? MatchKeyOf(ContactPoint point) =>
        point.Kind == ContactPointKind.Email ? PartyMatching.Email(point.Value) : PartyMatching.Phone(point.Value);

    public ContactPoint ToData() => new(Kind, Value, Label, IsPrimary);
}

/// <summary>A tax registration of a party.</summary>
internal sealed class PartyTaxId : Entity
{
    private PartyTaxId()
    {
    }

    public PartyTaxId(TaxIdentifier taxId)
    {
        Value = taxId.Value;
        Scheme = taxId.Scheme;
        MatchKey = PartyMatching.TaxId(taxId.Value);
    }

    public Guid PartyId { get; private set; }
    public string Value { get; private set; } = "";
    public string? Scheme { get; private set; }
    public string? MatchKey { get; private set; }

    public TaxIdentifier ToData() => new(Value, Scheme);
}

/// <summary>The editable fields of a party, validated together. A null list leaves the current entries as they are.</summary>
internal sealed record PartyDetails(
    PartyKind Kind, string Name, string? Email, string? Phone, string? TaxId, bool IsCustomer, bool IsSupplier,
    bool IsProspect = false, IReadOnlyList<string>? Tags = null, IReadOnlyList<PostalAddress>? Addresses = null,
    IReadOnlyList<ContactPoint>? ContactPoints = null, IReadOnlyList<TaxIdentifier>? TaxIds = null)
{
    public Error? Validate()
    {
        var errors = new FieldErrors()
            .Required("name", Name)
            .Optional("email", Email, 254)
            .Optional("phone", Phone, 40)
            .Optional("taxId", TaxId, 40)
            .When(!Enum.IsDefined(Kind), "kind", "Organisation or Person.")
            .When(Email is { Length: > 0 } e && !IsEmail(e), "email", "Not an email address.");
        if (Tags is { } tags)
        {
            errors.When(tags.Count > Party.MaxTags, "tags", $"At most {Party.MaxTags} tags.");
            errors.When(tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > 40), "tags", "Each tag has 1 to 40 characters.");
        }
        ValidateAddresses(errors);
        ValidateContactPoints(errors);
        if (TaxIds is { } taxIds)
        {
            errors.When(taxIds.Count > 10, "taxIds", "At most 10 tax ids.");
            for (var i = 0; i < taxIds.Count; i++)
            {
                errors.Required($"taxIds[{i}].value", taxIds[i]?.Value, 40);
                errors.Optional($"taxIds[{i}].scheme", taxIds[i]?.Scheme, 20);
            }
        }
        return errors.Any ? errors.ToError() : null;
    }

    private void ValidateAddresses(FieldErrors errors)
    {
        if (Addresses is not { } addresses)
            return;
        errors.When(addresses.Count > 20, "addresses", "At most 20 addresses.");
        for (var i = 0; i < addresses.Count; i++)
        {
            var a = addresses[i];
            var at = $"addresses[{i}]";
            if (a is null)
            {
                errors.Add(at, "Required.");
                continue;
            }
            errors.Required($"{at}.line1", a.Line1)
                .Optional($"{at}.line2", a.Line2)
                .Required($"{at}.city", a.City, 100)
                .Optional($"{at}.postalCode", a.PostalCode, 20)
                .Optional($"{at}.region", a.Region, 100)
                .When(!Enum.IsDefined(a.Kind), $"{at}.kind", "billing, shipping or other.")
                .When(a.Country is null || a.Country.Trim().Length != 2 || !a.Country.Trim().All(char.IsAsciiLetter), $"{at}.country", "A two-letter ISO 3166 country code such as GB.");
        }
        foreach (var kind in addresses.OfType<PostalAddress>().Where(a => a.IsDefault).GroupBy(a => a.Kind).Where(g => g.Count() > 1))
            errors.Add("addresses", $"Only one {kind.Key.ToString().ToLowerInvariant()} address can be the default.");
    }

    private void ValidateContactPoints(FieldErrors errors)
    {
        if (ContactPoints is not { } points)
            return;
        errors.When(points.Count > 20, "contactPoints", "At most 20 contact points.");
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var at = $"contactPoints[{i}]";
            if (p is null)
            {
                errors.Add(at, "Required.");
                continue;
            }
            errors.Required($"{at}.value", p.Value, p.Kind == ContactPointKind.Email ? 254 : 40)
                .Optional($"{at}.label", p.Label, 40)
                .When(!Enum.IsDefined(p.Kind), $"{at}.kind", "email or phone.")
                .When(p.Kind == ContactPointKind.Email && p.Value is { Length: > 0 } v && !IsEmail(v.Trim()), $"{at}.value", "Not an email address.")
                .When(p.Kind == ContactPointKind.Phone && p.Value is { Length: > 0 } phone && !phone.Any(char.IsAsciiDigit), $"{at}.value", "Not a phone number.");
        }
        foreach (var kind in points.OfType<ContactPoint>().Where(p => p.IsPrimary).GroupBy(p => p.Kind).Where(g => g.Count() > 1))
            errors.Add("contactPoints", $"Only one {kind.Key.ToString().ToLowerInvariant()} can be primary.");
    }

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 3 && value.IndexOf('.', at) > at + 1 && !value.Contains(' ', StringComparison.Ordinal);
    }
}
