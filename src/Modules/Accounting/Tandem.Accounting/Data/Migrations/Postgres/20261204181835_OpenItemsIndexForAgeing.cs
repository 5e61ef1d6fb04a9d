using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Accounting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpenItemsIndexForAgeing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_open_item_open",
                schema: "accounting",
                table: "open_item",
                columns: new[] { "company_id", "is_receivable", "party_id" },
                filter: "open_amount <> 0")
                .Annotation("Npgsql:IndexInclude", new[] { "due_date", "date", "open_company_amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_open_item_open",
                schema: "accounting",
                table: "open_item");
        }
    }
}
