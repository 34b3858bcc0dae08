using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlagAdmin.Migrations
{
    /// <inheritdoc />
    public partial class AddFlagStateUpdatedAtIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_flag_states_project_key_updated_at",
                table: "flag_states",
                columns: new[] { "project_key", "updated_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_flag_states_project_key_updated_at",
                table: "flag_states");
        }
    }
}
