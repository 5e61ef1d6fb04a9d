using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Accounting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AgeingAtDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "open_item_change",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    open_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_item_change", x => x.id);
                    table.ForeignKey(
                        name: "fk_open_item_change_open_item_open_item_id",
                        column: x => x.open_item_id,
                        principalSchema: "accounting",
                        principalTable: "open_item",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_open_item_change_company_id",
                schema: "accounting",
                table: "open_item_change",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_open_item_change_company_id_date_open_item_id",
                schema: "accounting",
                table: "open_item_change",
                columns: new[] { "company_id", "date", "open_item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_open_item_change_open_item_id",
                schema: "accounting",
                table: "open_item_change",
                column: "open_item_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "open_item_change",
                schema: "accounting");
        }
    }
}
