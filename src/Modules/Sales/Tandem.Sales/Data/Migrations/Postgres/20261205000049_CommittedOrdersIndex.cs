using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Sales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommittedOrdersIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_sales_order_committed",
                schema: "sales",
                table: "sales_order",
                columns: new[] { "company_id", "party_id", "currency" },
                filter: "status IN ('Confirmed', 'PartiallyDelivered', 'Delivered')")
                .Annotation("Npgsql:IndexInclude", new[] { "total", "invoiced_amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sales_order_committed",
                schema: "sales",
                table: "sales_order");
        }
    }
}
