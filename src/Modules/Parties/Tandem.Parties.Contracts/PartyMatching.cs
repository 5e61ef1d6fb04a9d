using System.Globalization;
using System.Text;

namespace Tandem.Parties.Contracts;

/// <summary>
/// The normalised keys duplicate detection compares: two parties are candidates when any key is equal.
/// The keys are stored in indexed columns, so finding candidates is an index lookup per key. Other modules that
/// look for duplicates of their own records (CRM leads) use the same keys, so "the same" means one thing.
/// </summary>
public static class PartyMatching
{
    // Legal forms and filler words that say nothing about who the party is.
    private static readonly HashSet<string> LegalSuffixes = new(StringComparer.Ordinal)
    {
        "ltd", "limited", "llc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "co", "company", "plc",
        "gmbh", "ag", "kg", "ohg", "ug", "ev", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps",
        "pty", "pte", "kk", "the", "and",
    };

    // Addresses at these domains say nothing about the organisation behind them.
    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "hotmail.com", "hotmail.co.uk",
        "hotmail.fr", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "mail.com",
        "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "protonmail.com", "proton.me", "yandex.ru", "mail.ru",
        "zoho.com", "fastmail.com", "orange.fr", "free.fr", "laposte.net", "libero.it", "qq.com", "163.com",
    };

    // Accented Latin letters spelled without their accents, as people type them when they search ("Muller" for "Müller").
    private static readonly Dictionary<char, string> Folded = BuildFolding(
        ("àáâãäåāăą", "a"), ("çćčĉ", "c"), ("ďđ", "d"), ("èéêëēėęě", "e"), ("ğĝ", "g"), ("ìíîïīį", "i"), ("ł", "l"),
        ("ñńň", "n"), ("òóôõöøō", "o"), ("ř", "r"), ("śšşŝ", "s"), ("ť", "t"), ("ùúûüūůű", "u"), ("ýÿ", "y"), ("žźż", "z"),
        ("ß", "ss"), ("æ", "ae"), ("œ", "oe"));

    private static Dictionary<char, string> BuildFolding(params (string Letters, string Plain)[] groups) =>
        groups.SelectMany(g => g.Letters.Select(c => (c, g.Plain))).ToDictionary(x => x.c, x => x.Plain);

    /// <summary>Lower case, accents and punctuation removed, legal suffixes dropped: "Müller & Co. GmbH" → "muller".</summary>
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (Folded.TryGetValue(c, out var plain))
                builder.Append(plain);
            else
                builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = words.Where(w => !LegalSuffixes.Contains(w)).ToList();
        // A name made only of legal words ("The Company Ltd") keeps its words rather than matching everything.
        var key = string.Join(' ', kept.Count > 0 ? kept : [.. words]);
        return key.Length == 0 ? null : key[..Math.Min(key.Length, 200)];
    }

    /// <summary>The lower-cased address, the exact-email key.</summary>
    public static string? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>The domain of a company address; null for free-mail providers, which many unrelated people share.</summary>
    public static string? EmailDomain(string? email)
    {
        var normalised = Email(email);
        var at = normalised?.LastIndexOf('@') ?? -1;
        if (normalised is null || at < 0 || at == normalised.Length - 1)
            return null;
        var domain = normalised[(at + 1)..];
        return FreeMailDomains.Contains(domain) ? null : domain;
    }

    /// <summary>
    /// The last nine digits: the subscriber number without country or trunk prefix, so "+44 20 7946 0001"
    /// and "020 7946 0001" match. Fewer than six digits is not a phone number worth matching.
    /// </summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
            return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 6)
            return null;
        return digits.Length > 9 ? digits[^9..] : digits;
    }

    /// <summary>Upper case letters and digits only: "gb 123-456.789" → "GB123456789".</summary>
    public static string? TaxId(string? taxId)
    {
        if (string.IsNullOrWhiteSpace(taxId))
            return null;
        var key = new string(taxId.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return key.Length == 0 ? null : key;
    }
}
