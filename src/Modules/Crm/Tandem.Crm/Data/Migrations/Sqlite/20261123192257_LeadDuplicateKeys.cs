using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Crm.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadDuplicateKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "company_key",
                table: "crm_lead",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email_domain",
                table: "crm_lead",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone_key",
                table: "crm_lead",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_company_key",
                table: "crm_lead",
                columns: new[] { "company_id", "company_key" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_email",
                table: "crm_lead",
                columns: new[] { "company_id", "email" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_email_domain",
                table: "crm_lead",
                columns: new[] { "company_id", "email_domain" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_phone_key",
                table: "crm_lead",
                columns: new[] { "company_id", "phone_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_crm_lead_company_id_company_key",
                table: "crm_lead");

            migrationBuilder.DropIndex(
                name: "ix_crm_lead_company_id_email",
                table: "crm_lead");

            migrationBuilder.DropIndex(
                name: "ix_crm_lead_company_id_email_domain",
                table: "crm_lead");

            migrationBuilder.DropIndex(
                name: "ix_crm_lead_company_id_phone_key",
                table: "crm_lead");

            migrationBuilder.DropColumn(
                name: "company_key",
                table: "crm_lead");

            migrationBuilder.DropColumn(
                name: "email_domain",
                table: "crm_lead");

            migrationBuilder.DropColumn(
                name: "phone_key",
                table: "crm_lead");
        }
    }
}
