using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Crm.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomFieldsAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                table: "crm_opportunity",
                type: "text",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                table: "crm_lead",
                type: "text",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reminder_sent_at",
                table: "crm_activity",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                table: "crm_account",
                type: "text",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "crm_notification",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    url = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    activity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    read_at = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_notification", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activity_reminder_sent_at_remind_at",
                table: "crm_activity",
                columns: new[] { "reminder_sent_at", "remind_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_notification_company_id",
                table: "crm_notification",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_notification_company_id_activity_id",
                table: "crm_notification",
                columns: new[] { "company_id", "activity_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_notification_company_id_user_id_created_at_id",
                table: "crm_notification",
                columns: new[] { "company_id", "user_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_notification_company_id_user_id_read_at",
                table: "crm_notification",
                columns: new[] { "company_id", "user_id", "read_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_notification");

            migrationBuilder.DropIndex(
                name: "ix_crm_activity_reminder_sent_at_remind_at",
                table: "crm_activity");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                table: "crm_opportunity");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                table: "crm_lead");

            migrationBuilder.DropColumn(
                name: "reminder_sent_at",
                table: "crm_activity");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                table: "crm_account");
        }
    }
}
