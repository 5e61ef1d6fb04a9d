using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Accounting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomerOverviewIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invoice_company_id_party_id",
                schema: "accounting",
                table: "invoice");

            migrationBuilder.CreateIndex(
                name: "ix_payment_company_id_party_id_date",
                schema: "accounting",
                table: "payment",
                columns: new[] { "company_id", "party_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_company_id_party_id_date",
                schema: "accounting",
                table: "invoice",
                columns: new[] { "company_id", "party_id", "date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payment_company_id_party_id_date",
                schema: "accounting",
                table: "payment");

            migrationBuilder.DropIndex(
                name: "ix_invoice_company_id_party_id_date",
                schema: "accounting",
                table: "invoice");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_company_id_party_id",
                schema: "accounting",
                table: "invoice",
                columns: new[] { "company_id", "party_id" });
        }
    }
}
