import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { metricsRegistry, type PartitionLag } from '@rapport/platform-observability';
import { Public, Roles } from '../auth/decorators';
import { consumerLags } from './consumer-lag';
import { declaredBusAccess, type DeclaredAccess } from '../kafka-access/kafka-access';

/**
 * Prometheus scrape endpoint: the process's one registry — commands by type and outcome, append latency, relay,
 * projection and consumer lag, dead-letter depth, the services' own series, process metrics (docs/metrics.md).
 * Open like `/health` so a scraper needs no token; it carries counts and names, no business data.
 */
@ApiTags('operations')
@Controller()
export class MetricsController {
  @Get('metrics')
  @Public()
  @Header('content-type', metricsRegistry.contentType)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }

  /** The same lag as `/metrics`, as JSON for operators: every group of this process, every partition. */
  @Get('admin/consumers')
  @Roles('admin')
  @ApiOkResponse({ description: 'per consumer group, topic and partition: committed offset (null when none yet), log end and lag' })
  consumers(): Promise<PartitionLag[]> {
    return consumerLags();
  }

  /**
   * OPS-5: what each service of this process writes, reads and joins on the bus — the ACLs its Kafka user needs
   * (`npm run rapport -- kafka-acls` grants them with an admin credential).
   */
  @Get('admin/bus-access')
  @Roles('admin')
  @ApiOkResponse({ description: 'per service: topics written, topics read, consumer groups joined' })
  busAccess(): DeclaredAccess[] {
    return declaredBusAccess();
  }
}
