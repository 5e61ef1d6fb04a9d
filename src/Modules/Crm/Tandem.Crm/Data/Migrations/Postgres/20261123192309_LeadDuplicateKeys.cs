using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Crm.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeadDuplicateKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "company_key",
                schema: "crm",
                table: "lead",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email_domain",
                schema: "crm",
                table: "lead",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone_key",
                schema: "crm",
                table: "lead",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_company_key",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "company_key" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_email",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "email" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_email_domain",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "email_domain" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_phone_key",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "phone_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lead_company_id_company_key",
                schema: "crm",
                table: "lead");

            migrationBuilder.DropIndex(
                name: "ix_lead_company_id_email",
                schema: "crm",
                table: "lead");

            migrationBuilder.DropIndex(
                name: "ix_lead_company_id_email_domain",
                schema: "crm",
                table: "lead");

            migrationBuilder.DropIndex(
                name: "ix_lead_company_id_phone_key",
                schema: "crm",
                table: "lead");

            migrationBuilder.DropColumn(
                name: "company_key",
                schema: "crm",
                table: "lead");

            migrationBuilder.DropColumn(
                name: "email_domain",
                schema: "crm",
                table: "lead");

            migrationBuilder.DropColumn(
                name: "phone_key",
                schema: "crm",
                table: "lead");
        }
    }
}
