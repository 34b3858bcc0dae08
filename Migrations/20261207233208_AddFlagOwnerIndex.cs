using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlagAdmin.Migrations
{
    /// <inheritdoc />
    public partial class AddFlagOwnerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_flags_project_key_owner_key",
                table: "flags",
                columns: new[] { "project_key", "owner", "key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_flags_project_key_owner_key",
                table: "flags");
        }
    }
}
