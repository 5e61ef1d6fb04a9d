using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Crm.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomFieldsAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                schema: "crm",
                table: "opportunity",
                type: "jsonb",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                schema: "crm",
                table: "lead",
                type: "jsonb",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reminder_sent_at",
                schema: "crm",
                table: "activity",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                schema: "crm",
                table: "account",
                type: "jsonb",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notification",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    body = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    url = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_custom_fields",
                schema: "crm",
                table: "opportunity",
                column: "custom_fields")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_custom_fields",
                schema: "crm",
                table: "lead",
                column: "custom_fields")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_reminder_sent_at_remind_at",
                schema: "crm",
                table: "activity",
                columns: new[] { "reminder_sent_at", "remind_at" });

            migrationBuilder.CreateIndex(
                name: "ix_account_custom_fields",
                schema: "crm",
                table: "account",
                column: "custom_fields")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_company_id",
                schema: "crm",
                table: "notification",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_company_id_activity_id",
                schema: "crm",
                table: "notification",
                columns: new[] { "company_id", "activity_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notification_company_id_user_id_created_at_id",
                schema: "crm",
                table: "notification",
                columns: new[] { "company_id", "user_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_company_id_user_id_read_at",
                schema: "crm",
                table: "notification",
                columns: new[] { "company_id", "user_id", "read_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification",
                schema: "crm");

            migrationBuilder.DropIndex(
                name: "ix_opportunity_custom_fields",
                schema: "crm",
                table: "opportunity");

            migrationBuilder.DropIndex(
                name: "ix_lead_custom_fields",
                schema: "crm",
                table: "lead");

            migrationBuilder.DropIndex(
                name: "ix_activity_reminder_sent_at_remind_at",
                schema: "crm",
                table: "activity");

            migrationBuilder.DropIndex(
                name: "ix_account_custom_fields",
                schema: "crm",
                table: "account");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                schema: "crm",
                table: "opportunity");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                schema: "crm",
                table: "lead");

            migrationBuilder.DropColumn(
                name: "reminder_sent_at",
                schema: "crm",
                table: "activity");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                schema: "crm",
                table: "account");
        }
    }
}
