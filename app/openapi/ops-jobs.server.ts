/**
 * Background jobs (issue 12): GET /api/jobs/{jobId}, which a report's or a catalog file's page
 * polls once a second while the upload is processed.
 */
import { z } from 'zod';
import { JOB_KINDS, JOB_STATUSES } from '~/domain/background-jobs';
import { CampaignBuildResultSchema, CatalogImportResultSchema, ReportResultSchema } from '~/jobs/results';
import { EX } from './example-world';
import { idParam, type ApiOperation } from './operation.server';
import { marketplaceErrors } from './marketplace.server';

const count = z.number().int().min(0);

export const JobSchema = z
  .strictObject({
    id: z.string(),
    kind: z.enum(JOB_KINDS).meta({
      description:
        'adoption-report：市州报表上传；catalog-import：服务商目录导入；campaign-build：统计活动的统计数据计算',
    }),
    status: z.enum(JOB_STATUSES).meta({
      description: 'queued 排队中 → running 处理中 → succeeded 已完成 / failed 未完成（未写入任何数据）',
    }),
    progress: z.strictObject({
      phase: z.string().meta({
        description: 'queued 排队、read 读取文件、check 逐行检查、apply 写入、count 计算（统计活动）',
      }),
      done: count,
      total: count
        .nullable()
        .meta({ description: '本阶段的总数（行、产品或企业）；读取文件时未知，为 null' }),
    }),
    result: z
      .union([
        ReportResultSchema.strict(),
        CatalogImportResultSchema.strict(),
        CampaignBuildResultSchema.strict(),
      ])
      .nullable()
      .meta({ description: '完成（succeeded）时的结果摘要，与结果页显示的相同；其他状态为 null' }),
    error: z
      .strictObject({
        code: z.string().meta({
          description:
            '稳定的英文代码：invalid_rows（报表有错误行）、invalid_entries（目录文件有问题）、empty_file、not_utf8、interrupted（服务重启时未完成）、internal、no_input',
        }),
        message: z.string().meta({ description: '按调用者语言给出的说明；逐行的错误在任务页面上列出' }),
      })
      .nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job', description: '后台任务（job）：上传后的处理状态与进度' });

export const jobOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/jobs/{jobId}',
    route: 'api.jobs.$jobId.ts',
    operationId: 'getJob',
    tag: '后台任务 Jobs',
    summary: '一个后台任务的状态与进度',
    description:
      '上传市州报表或目录文件后，页面每秒查询一次进度，结束后显示结果。上传者可以查看；市州报表还可由辖区覆盖该报表的官员查看；其他调用者得到 404。只接受会话 Cookie：API 密钥没有任务（403）。',
    security: ['session'],
    roles: '上传者本人；市州报表：辖区覆盖该报表的官员',
    pathParams: z.object({ jobId: idParam('任务', EX.job.report) }),
    responses: { 200: { description: '任务', schema: JobSchema }, ...marketplaceErrors([401, 403, 404]) },
    examples: [
      {
        name: 'report',
        summary: '省级官员查看报表上传的进度',
        caller: 'official',
        params: { jobId: EX.job.report },
        status: 200,
        response: {
          id: EX.job.report,
          kind: 'adoption-report',
          status: 'running',
          progress: { phase: 'apply', done: 41000, total: 100000 },
          result: null,
          error: null,
          createdAt: '2026-12-08T02:00:00.000Z',
          startedAt: '2026-12-08T02:00:00.120Z',
          finishedAt: null,
        },
      },
      {
        name: 'unknown',
        summary: '不存在的任务',
        caller: 'official',
        params: { jobId: EX.job.unknown },
        status: 404,
      },
      {
        name: 'anonymous',
        summary: '未登录',
        caller: 'anonymous',
        params: { jobId: EX.job.report },
        status: 401,
      },
      {
        name: 'key',
        summary: 'API 密钥没有任务',
        caller: 'provider-key',
        params: { jobId: EX.job.report },
        status: 403,
      },
    ],
  },
];
