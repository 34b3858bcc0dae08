using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Components.Pages.Users;

/// <summary>
/// The add-a-user form as typed, without the password (also what <c>UnsavedEdit</c> keeps across a server restart;
/// a password is never kept).
/// </summary>
public sealed class NewUserForm
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; } = Role.Viewer;

    public NewUser ToNewUser(string password) => new(Email, DisplayName, Role, password);

    public string Describe() => $"New user '{Email.Trim()}' ({Role})";
}
