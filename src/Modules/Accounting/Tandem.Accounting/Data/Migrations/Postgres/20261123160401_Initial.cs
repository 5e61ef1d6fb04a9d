using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Accounting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "accounting");

            migrationBuilder.CreateTable(
                name: "account",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_account_parent_id",
                        column: x => x.parent_id,
                        principalSchema: "accounting",
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "account_balance",
                schema: "accounting",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    debit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    credit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_balance", x => new { x.company_id, x.account_id, x.period, x.currency, x.party_id });
                });

            migrationBuilder.CreateTable(
                name: "exchange_rate",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    rate = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rate", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fiscal_period",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fiscal_period", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journal_entry",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    description = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    company_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    reversal_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_entry", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journal_line",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    debit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    credit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: true),
                    dimension = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    is_posted = table.Column<bool>(type: "boolean", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_journal_line_account_account_id",
                        column: x => x.account_id,
                        principalSchema: "accounting",
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_journal_line_journal_entry_entry_id",
                        column: x => x.entry_id,
                        principalSchema: "accounting",
                        principalTable: "journal_entry",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id",
                schema: "accounting",
                table: "account",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id_code",
                schema: "accounting",
                table: "account",
                columns: new[] { "company_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_parent_id",
                schema: "accounting",
                table: "account",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_balance_company_id_period",
                schema: "accounting",
                table: "account_balance",
                columns: new[] { "company_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_exchange_rate_company_id",
                schema: "accounting",
                table: "exchange_rate",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_exchange_rate_company_id_currency_date",
                schema: "accounting",
                table: "exchange_rate",
                columns: new[] { "company_id", "currency", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fiscal_period_company_id",
                schema: "accounting",
                table: "fiscal_period",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_fiscal_period_company_id_fiscal_year_number",
                schema: "accounting",
                table: "fiscal_period",
                columns: new[] { "company_id", "fiscal_year", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fiscal_period_company_id_start_date",
                schema: "accounting",
                table: "fiscal_period",
                columns: new[] { "company_id", "start_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_entry_company_id",
                schema: "accounting",
                table: "journal_entry",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entry_company_id_date_id",
                schema: "accounting",
                table: "journal_entry",
                columns: new[] { "company_id", "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_entry_company_id_number",
                schema: "accounting",
                table: "journal_entry",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_account_id",
                schema: "accounting",
                table: "journal_line",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_company_id",
                schema: "accounting",
                table: "journal_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_company_id_account_id_is_posted_date",
                schema: "accounting",
                table: "journal_line",
                columns: new[] { "company_id", "account_id", "is_posted", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_company_id_party_id",
                schema: "accounting",
                table: "journal_line",
                columns: new[] { "company_id", "party_id" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_entry_id",
                schema: "accounting",
                table: "journal_line",
                column: "entry_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_balance",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "exchange_rate",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "fiscal_period",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "journal_line",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "account",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "journal_entry",
                schema: "accounting");
        }
    }
}
