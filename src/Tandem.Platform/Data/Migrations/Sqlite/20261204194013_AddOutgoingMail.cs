using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddOutgoingMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_mail_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    to_addresses = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    cc_addresses = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    html_body = table.Column<string>(type: "TEXT", nullable: true),
                    text_body = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_mail_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_mail_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_mail_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_mail_attachments_platform_mail_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "platform_mail_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_mail_attachments_message_id",
                table: "platform_mail_attachments",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_platform_mail_messages_company_id_id",
                table: "platform_mail_messages",
                columns: new[] { "company_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_mail_attachments");

            migrationBuilder.DropTable(
                name: "platform_mail_messages");
        }
    }
}
