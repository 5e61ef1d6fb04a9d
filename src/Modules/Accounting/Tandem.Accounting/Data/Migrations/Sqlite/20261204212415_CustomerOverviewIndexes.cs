using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Accounting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerOverviewIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_accounting_invoice_company_id_party_id",
                table: "accounting_invoice");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_payment_company_id_party_id_date",
                table: "accounting_payment",
                columns: new[] { "company_id", "party_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_invoice_company_id_party_id_date",
                table: "accounting_invoice",
                columns: new[] { "company_id", "party_id", "date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_accounting_payment_company_id_party_id_date",
                table: "accounting_payment");

            migrationBuilder.DropIndex(
                name: "ix_accounting_invoice_company_id_party_id_date",
                table: "accounting_invoice");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_invoice_company_id_party_id",
                table: "accounting_invoice",
                columns: new[] { "company_id", "party_id" });
        }
    }
}
