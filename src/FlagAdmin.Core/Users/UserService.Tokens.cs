using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Users;

public sealed partial class UserService
{
    public const int MaxTokenNameLength = 100;

    /// <summary>
    /// Creates a personal access token for <paramref name="userId"/>, who must be the one asking. Its role may be
    /// no higher than the user's own (nor than the role the request acts with); an expiry must lie in the future.
    /// The secret is in the result this once and never again.
    /// </summary>
    public async Task<CreatedAccessToken> CreateTokenAsync(string userId, NewAccessToken token, ChangeContext change, CancellationToken cancellationToken = default)
    {
        var user = await OwnUserAsync(userId, change, cancellationToken);
        var name = token.Name?.Trim() ?? "";
        var now = time.UtcNowMicroseconds();
        var highest = (Role)Math.Min((int)user.Role, (int)change.Role);
        var errors = new ValidationErrors();
        errors.Add("name", name.Length == 0 ? "Token name is required, e.g. what the token is for."
            : name.Length > MaxTokenNameLength ? $"Token name may be at most {MaxTokenNameLength} characters long."
            : StoredText.NameProblem(name, "Token name"));
        errors.Add("role", !Enum.IsDefined(token.Role) ? "Choose Viewer, Editor or Admin."
            : token.Role > highest ? $"A token's role can be at most your own ({highest})."
            : null);
        errors.Add("expiresAt", token.ExpiresAt is { } expires && expires <= now ? "The expiry date must be in the future." : null);
        errors.ThrowIfAny();

        var (id, secret) = AccessTokenSecrets.Generate();
        var stored = await users.CreateTokenAsync(new AccessToken
        {
            Id = id,
            UserId = user.Id,
            Name = name,
            Role = token.Role,
            Prefix = AccessTokenSecrets.VisiblePrefix(secret),
            SecretHash = AccessTokenSecrets.Hash(secret),
            CreatedAt = now,
            ExpiresAt = token.ExpiresAt is { } at ? Clock.ToMicroseconds(at) : null,
        }, change, cancellationToken);
        return new CreatedAccessToken(stored, secret);
    }

    /// <summary>The user's own tokens, revoked ones included, newest first.</summary>
    public async Task<IReadOnlyList<AccessToken>> ListTokensAsync(string userId, ChangeContext viewer, CancellationToken cancellationToken = default)
    {
        await OwnUserAsync(userId, viewer, cancellationToken, allowAdmin: true);
        return await users.ListTokensAsync(userId, cancellationToken);
    }

    /// <summary>Revokes one of the user's tokens; the owner or an Admin may. It stops working at once.</summary>
    public async Task<AccessToken> RevokeTokenAsync(string userId, string tokenId, ChangeContext change, CancellationToken cancellationToken = default)
    {
        await OwnUserAsync(userId, change, cancellationToken, allowAdmin: true);
        var token = (await users.ListTokensAsync(userId, cancellationToken)).FirstOrDefault(t => t.Id == tokenId)
            ?? throw new NotFoundException("Access token", tokenId);
        return await users.RevokeTokenAsync(userId, tokenId, token.Version, change, cancellationToken);
    }

    /// <summary>
    /// The user and effective role behind a token secret, or null when the secret is unknown, the token revoked
    /// or expired, or the user deactivated or gone. The role is the lower of the token's and the user's current one.
    /// </summary>
    public async Task<AuthenticatedToken?> AuthenticateTokenAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (!AccessTokenSecrets.LooksLikeSecret(secret))
        {
            return null;
        }
        var token = await users.FindTokenByHashAsync(AccessTokenSecrets.Hash(secret!), cancellationToken);
        if (token is null || !token.IsUsableAt(time.GetUtcNow()))
        {
            return null;
        }
        var user = await users.FindUserAsync(token.UserId, cancellationToken);
        if (user is not { IsActive: true })
        {
            return null;
        }
        return new AuthenticatedToken(user, token, (Role)Math.Min((int)token.Role, (int)user.Role));
    }

    private async Task<User> OwnUserAsync(string userId, ChangeContext change, CancellationToken cancellationToken, bool allowAdmin = false)
    {
        var user = await users.FindUserAsync(userId, cancellationToken) ?? throw new NotFoundException("User", userId);
        var own = string.Equals(user.Email, change.Actor, StringComparison.OrdinalIgnoreCase);
        if (!own && !(allowAdmin && Permissions.Allows(change.Role, Role.Admin)))
        {
            throw new ForbiddenException("Access tokens are managed by the person they belong to (or, to revoke, an Admin).");
        }
        if (!user.IsActive)
        {
            throw new ForbiddenException("A deactivated account has no access tokens to manage.");
        }
        return user;
    }
}
