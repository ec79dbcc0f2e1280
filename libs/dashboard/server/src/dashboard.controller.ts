import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemException, Public } from '@rapport/platform-nest';
import { DASHBOARD_OPTIONS, defaultDashboardRoot, type DashboardOptions } from './dashboard.options';
import { resolveStatic } from './static-files';

/** The built web app at /app: static files, index.html for deep links. Not an API: kept out of OpenAPI. */
@ApiExcludeController()
@Public()
@Controller('app')
export class DashboardController {
  private readonly root: string;

  constructor(@Inject(DASHBOARD_OPTIONS) options: DashboardOptions) {
    this.root = options.root ?? defaultDashboardRoot();
  }

  @Get()
  index(@Req() request: Request, @Res() response: Response): void {
    if (!request.path.endsWith('/')) return response.redirect(301, '/app/');
    this.send('', response);
  }

  @Get('*path')
  file(@Req() request: Request, @Res() response: Response): void {
    this.send(request.path.replace(/^\/app\/?/, ''), response);
  }

  private send(relative: string, response: Response): void {
    const answer = resolveStatic(this.root, relative);
    if (answer.kind === 'missing-build') throw new ProblemException(404, 'dashboard-not-built', 'the dashboard is not built here: run `npm run build:dashboard`');
    if (answer.kind === 'not-found') throw new ProblemException(404, 'not-found', 'no such file in the dashboard');
    // Hashed bundles never change; index.html must always be fresh so a new build is picked up.
    response.setHeader('Cache-Control', answer.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.sendFile(answer.path);
  }
}
