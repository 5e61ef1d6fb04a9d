using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Sales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommittedOrdersIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
