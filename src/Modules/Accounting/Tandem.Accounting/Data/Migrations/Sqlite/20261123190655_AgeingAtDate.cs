using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Accounting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgeingAtDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounting_open_item_change",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    open_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    company_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_open_item_change", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounting_open_item_change_accounting_open_item_open_item_id",
                        column: x => x.open_item_id,
                        principalTable: "accounting_open_item",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_open_item_change_company_id",
                table: "accounting_open_item_change",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_open_item_change_company_id_date_open_item_id",
                table: "accounting_open_item_change",
                columns: new[] { "company_id", "date", "open_item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_open_item_change_open_item_id",
                table: "accounting_open_item_change",
                column: "open_item_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounting_open_item_change");
        }
    }
}
