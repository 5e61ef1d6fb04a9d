using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Crm.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "crm");

            migrationBuilder.CreateTable(
                name: "account",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    lifecycle_stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    parent_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "activity",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    due_date = table.Column<DateOnly>(type: "date", nullable: true),
                    remind_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done = table.Column<bool>(type: "boolean", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "assignment_rule",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    counter = table.Column<long>(type: "bigint", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignment_rule", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "attachment",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    note_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    storage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachment", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "attachment_content",
                schema: "crm",
                columns: table => new
                {
                    attachment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachment_content", x => x.attachment_id);
                });

            migrationBuilder.CreateTable(
                name: "contact",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    job_title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lead",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    job_title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    source = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    disqualification_reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    score = table.Column<int>(type: "integer", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    converted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "note",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_note", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "opportunity",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    stage_order = table.Column<int>(type: "integer", nullable: false),
                    probability = table.Column<int>(type: "integer", nullable: false),
                    expected_close_date = table.Column<DateOnly>(type: "date", nullable: false),
                    close_month = table.Column<int>(type: "integer", nullable: false),
                    product_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    loss_reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    amount_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    amount_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    weighted_amount_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    weighted_amount_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunity", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pipeline",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipeline", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "record_share",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_record_share", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scoring_rule",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    field = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    points = table.Column<int>(type: "integer", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scoring_rule", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "team",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    manager_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stage_change",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_stage_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_stage_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_change", x => x.id);
                    table.ForeignKey(
                        name: "fk_stage_change_opportunity_opportunity_id",
                        column: x => x.opportunity_id,
                        principalSchema: "crm",
                        principalTable: "opportunity",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pipeline_stage",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    probability = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipeline_stage", x => x.id);
                    table.ForeignKey(
                        name: "fk_pipeline_stage_pipeline_pipeline_id",
                        column: x => x.pipeline_id,
                        principalSchema: "crm",
                        principalTable: "pipeline",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "team_member",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_member", x => x.id);
                    table.ForeignKey(
                        name: "fk_team_member_team_team_id",
                        column: x => x.team_id,
                        principalSchema: "crm",
                        principalTable: "team",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id",
                schema: "crm",
                table: "account",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id_created_at_id",
                schema: "crm",
                table: "account",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id_name_id",
                schema: "crm",
                table: "account",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id_owner_id",
                schema: "crm",
                table: "account",
                columns: new[] { "company_id", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id_parent_account_id",
                schema: "crm",
                table: "account",
                columns: new[] { "company_id", "parent_account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id_party_id",
                schema: "crm",
                table: "account",
                columns: new[] { "company_id", "party_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id_team_id",
                schema: "crm",
                table: "account",
                columns: new[] { "company_id", "team_id" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_company_id",
                schema: "crm",
                table: "activity",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_activity_company_id_account_id_created_at",
                schema: "crm",
                table: "activity",
                columns: new[] { "company_id", "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_company_id_assignee_id_done_due_date",
                schema: "crm",
                table: "activity",
                columns: new[] { "company_id", "assignee_id", "done", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_company_id_contact_id_created_at",
                schema: "crm",
                table: "activity",
                columns: new[] { "company_id", "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_company_id_created_at_id",
                schema: "crm",
                table: "activity",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_company_id_lead_id_created_at",
                schema: "crm",
                table: "activity",
                columns: new[] { "company_id", "lead_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_company_id_opportunity_id_created_at",
                schema: "crm",
                table: "activity",
                columns: new[] { "company_id", "opportunity_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assignment_rule_company_id",
                schema: "crm",
                table: "assignment_rule",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_attachment_company_id",
                schema: "crm",
                table: "attachment",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_attachment_company_id_note_id",
                schema: "crm",
                table: "attachment",
                columns: new[] { "company_id", "note_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_company_id",
                schema: "crm",
                table: "contact",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_company_id_account_id_name",
                schema: "crm",
                table: "contact",
                columns: new[] { "company_id", "account_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_company_id_name_id",
                schema: "crm",
                table: "contact",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_company_id_party_id",
                schema: "crm",
                table: "contact",
                columns: new[] { "company_id", "party_id" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id",
                schema: "crm",
                table: "lead",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_created_at_id",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_name_id",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_owner_id",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_score_id",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "score", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_status",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_company_id_team_id",
                schema: "crm",
                table: "lead",
                columns: new[] { "company_id", "team_id" });

            migrationBuilder.CreateIndex(
                name: "ix_note_company_id",
                schema: "crm",
                table: "note",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_note_company_id_account_id_created_at",
                schema: "crm",
                table: "note",
                columns: new[] { "company_id", "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_note_company_id_contact_id_created_at",
                schema: "crm",
                table: "note",
                columns: new[] { "company_id", "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_note_company_id_created_at_id",
                schema: "crm",
                table: "note",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_note_company_id_lead_id_created_at",
                schema: "crm",
                table: "note",
                columns: new[] { "company_id", "lead_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_note_company_id_opportunity_id_created_at",
                schema: "crm",
                table: "note",
                columns: new[] { "company_id", "opportunity_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_company_id",
                schema: "crm",
                table: "opportunity",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_company_id_account_id",
                schema: "crm",
                table: "opportunity",
                columns: new[] { "company_id", "account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_company_id_created_at_id",
                schema: "crm",
                table: "opportunity",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_company_id_name_id",
                schema: "crm",
                table: "opportunity",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_company_id_owner_id_close_month",
                schema: "crm",
                table: "opportunity",
                columns: new[] { "company_id", "owner_id", "close_month" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_company_id_stage_id_expected_close_date_id",
                schema: "crm",
                table: "opportunity",
                columns: new[] { "company_id", "stage_id", "expected_close_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_company_id_team_id",
                schema: "crm",
                table: "opportunity",
                columns: new[] { "company_id", "team_id" });

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_company_id",
                schema: "crm",
                table: "pipeline",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_company_id_name",
                schema: "crm",
                table: "pipeline",
                columns: new[] { "company_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_stage_company_id",
                schema: "crm",
                table: "pipeline_stage",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_stage_pipeline_id_order",
                schema: "crm",
                table: "pipeline_stage",
                columns: new[] { "pipeline_id", "order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_record_share_company_id",
                schema: "crm",
                table: "record_share",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_record_share_company_id_record_id_user_id",
                schema: "crm",
                table: "record_share",
                columns: new[] { "company_id", "record_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_record_share_company_id_user_id",
                schema: "crm",
                table: "record_share",
                columns: new[] { "company_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_scoring_rule_company_id",
                schema: "crm",
                table: "scoring_rule",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_stage_change_company_id",
                schema: "crm",
                table: "stage_change",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_stage_change_opportunity_id_at",
                schema: "crm",
                table: "stage_change",
                columns: new[] { "opportunity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_team_company_id",
                schema: "crm",
                table: "team",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_team_company_id_manager_id",
                schema: "crm",
                table: "team",
                columns: new[] { "company_id", "manager_id" });

            migrationBuilder.CreateIndex(
                name: "ix_team_company_id_name",
                schema: "crm",
                table: "team",
                columns: new[] { "company_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_team_member_company_id",
                schema: "crm",
                table: "team_member",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_team_member_company_id_user_id",
                schema: "crm",
                table: "team_member",
                columns: new[] { "company_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_team_member_team_id_user_id",
                schema: "crm",
                table: "team_member",
                columns: new[] { "team_id", "user_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "activity",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "assignment_rule",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "attachment",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "attachment_content",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "contact",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "lead",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "note",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "pipeline_stage",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "record_share",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "scoring_rule",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "stage_change",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "team_member",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "pipeline",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "opportunity",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "team",
                schema: "crm");
        }
    }
}
